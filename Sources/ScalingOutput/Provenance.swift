import ScalingTheory

/// The inputs of a run, recorded as the command reads its flags (given or
/// defaulted), so that an output file alone reproduces the run
/// (`scaling-laws rerun FILE`). A JSON key is its flag's name in camelCase
/// (`--sigma-w2` is `sigmaW2`); its type is fixed by `InputLog.types`.
package final class InputLog {
    /// Flags that do not change the result: where it goes and how it looks,
    /// the thread count (results are bit-identical across thread counts) and
    /// the shard (a shard file is not an output; merged, it is the whole run).
    package static let excluded: Set<String> = ["format", "output", "force", "threads", "help", "shard"]

    /// The type of every input, the same in every command. Add a line here
    /// with a new flag (CLITests check that every recorded input has one).
    package static let types: [String: FieldType] = [
        "alpha": .number, "lambda-plus": .number, "M": .number,
        "summation": .text(["auto", "exact", "euler-maclaurin"]), "spectrum-file": .text(nil),
        "N": .number, "P": .number, "gamma": .number, "sigma-w2": .number, "sigma-u2": .number, "noise": .number,
        "activation": .text(nil), "draws": .integer, "seed": .text(nil), "trials": .integer,
        "test-samples": .integer, "sampler": .text(["auto", "direct", "conditional"]),
        "samples": .integer, "exact": .boolean, "fit-below": .text(nil), "fit-above": .text(nil),
        "vary": .text(["N", "P", "gamma", "compute", "time", "steps"]), "from": .number, "to": .number, "points": .integer,
        "spacing": .text(["log", "linear"]), "ridge": .text(["fixed", "optimal", "both"]),
        "simulate": .boolean, "max-z": .number, "simulation-sigma-u2": .number,
        "time": .number, "times": .text(nil), "budget": .text(["Nt", "NPt", "sgd"]),
        "optimizer": .text(["ridge", "sgd"]), "batch-size": .integer, "learning-rate": .number, "steps": .number,
        "normalized-learning-rate": .number, "latent-ratio": .number, "trace-learning-rate": .number,
        "step-counts": .text(nil), "phases": .boolean, "teacher-from": .number, "teacher-to": .number,
        // Flags of branches landing alongside (teacher, data, cluster), typed here ahead of them.
        "teacher-exponent": .number, "teacher-file": .text(nil),
        "data": .text(nil), "labels": .text(nil), "positive-classes": .text(nil), "data-scale": .number,
        "test-rows": .integer, "cutoff": .number, "fit-window": .text(nil), "shard": .text(nil),
        // fit (Docs/Fitting.md)
        "columns": .text(nil), "form": .text(["chinchilla", "model", "both"]), "forecast": .text(nil),
        "flops-per-token": .number, "holdout-above": .number, "resamples": .integer,
        "bootstrap": .text(["rows", "parametric"]), "confidence": .number, "huber-delta": .number,
        "start-grid": .text(["hoffmann", "small"]),
    ]

    private(set) var values: [String: JSONValue] = [:]

    package init() {}

    package func record(_ name: String, _ value: JSONValue) {
        guard !Self.excluded.contains(name) else { return }
        switch (Self.types[name], value) {
        case let (.number?, .integer(i)): values[name] = .number(Double(i))
        case let (.integer?, .number(x)) where x == x.rounded() && abs(x) < 1e15: values[name] = .integer(Int(x))
        default: values[name] = value
        }
    }

    /// Drops inputs that were read but do not determine this run's result.
    package func forget(_ names: [String]) {
        for name in names { values.removeValue(forKey: name) }
    }

    /// The recorded inputs in the order of the command's flags (their
    /// names), under their JSON keys.
    package func inputs(order flags: [String]) -> [(String, JSONValue)] {
        flags.compactMap { flag in values[flag].map { (Self.key(flag), $0) } }
    }

    /// `lambda-plus` -> `lambdaPlus`, `sigma-w2` -> `sigmaW2`, `N` -> `N`.
    package static func key(_ flag: String) -> String {
        var out = ""
        var upper = false
        for c in flag {
            if c == "-" { upper = true; continue }
            out += upper ? c.uppercased() : String(c)
            upper = false
        }
        return out
    }

    /// The inverse of `key`: `sigmaW2` -> `sigma-w2`.
    package static func flag(_ key: String) -> String {
        var out = ""
        for (i, c) in key.enumerated() {
            if i > 0, c.isUppercase { out += "-" + c.lowercased() } else { out.append(c) }
        }
        return out
    }

    /// Command-line words that give the recorded inputs again.
    package static func words(_ inputs: [(String, JSONValue)]) throws -> [String] {
        var words: [String] = []
        for (key, value) in inputs {
            let flag = "--" + Self.flag(key)
            switch value {
            case let .number(x):
                // Whole numbers without ".0", so that flags reading whole numbers take them.
                words += [flag, x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : JSONValue.spell(x)]
            case let .integer(i): words += [flag, "\(i)"]
            case let .string(s): words += [flag, s]
            case let .bool(on): if on { words.append(flag) }
            default: throw UsageError("input \(key) has a value no flag takes: \(value.text)")
            }
        }
        return words
    }
}
