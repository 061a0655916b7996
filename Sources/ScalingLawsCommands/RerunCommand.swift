import Foundation
import ScalingOutput
import ScalingTheory

/// `scaling-laws rerun FILE`: reads the command and inputs recorded in an
/// output file (JSON, CSV, a spectrum-lines file or an SVG figure), runs that
/// command again and checks that it produces the same result. Exit 0 when it
/// does, 1 when it does not (the first difference on stderr), 2 when the file
/// records no run. Wall-clock fields (`seconds` and every `...Seconds`, such
/// as `dataset`'s `readSeconds`) and the version are not compared; a
/// different version is noted on stderr.
enum RerunCommand: Command {
    static let name = "rerun"
    static let summary = "Re-run the command recorded in an output file and check that it reproduces the file (exit 0)."
    static let positional: String? = "file"
    static let flags: [Flag] = [
        .value("file", "FILE", "an output of scaling-laws: JSON, CSV, spectrum lines or SVG (also: rerun FILE)"),
    ]
    static let requiredFlags: Set<String> = ["file"]

    static func run(_ arguments: Arguments) throws -> Int32 {
        guard let path = arguments.string("file") else { throw UsageError("missing FILE (scaling-laws rerun FILE)") }
        let url = URL(fileURLWithPath: path)
        guard let data = FileManager.default.contents(atPath: url.path) else { throw UsageError("cannot read \(path)") }
        let original = String(decoding: data, as: UTF8.self)
        let recorded = try RecordedRun(original, path: path)
        guard let command = commands.first(where: { $0.name == recorded.command }), command.schema != nil
                || command.name == DemoCommand.name else {
            throw UsageError("\(path) records command '\(recorded.command)', which rerun cannot run")
        }
        if recorded.version != ScalingLawsVersion.current {
            StandardError.write("note: \(path) was written by version \(recorded.version); this is \(ScalingLawsVersion.current)\n")
        }
        var words = try InputLog.words(recorded.inputs)
        let again: String
        if command.flags.contains(where: { $0.name == "output" }) {
            // File-writing commands run into a fresh directory; the file of the same name (or kind) is compared.
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scaling-laws-rerun-\(UUID())")
            defer { try? FileManager.default.removeItem(at: directory) }
            words += ["--output", directory.path]
            Console.capture = ""  // its "wrote ..." line
            defer { Console.capture = nil }
            _ = try command.run(Arguments(words, flags: command.flags))
            let made = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            let name = made.contains(url.lastPathComponent) ? url.lastPathComponent
                : made.first { ($0 as NSString).pathExtension == url.pathExtension }
            guard let name, let text = FileManager.default.contents(atPath: directory.appendingPathComponent(name).path)
            else { throw UsageError("the rerun wrote no .\(url.pathExtension) file to compare with \(path)") }
            again = String(decoding: text, as: UTF8.self)
        } else {
            if let format = recorded.format { words += ["--format", format] }
            Console.capture = ""
            defer { Console.capture = nil }
            _ = try command.run(Arguments(words, flags: command.flags))
            again = Console.capture ?? ""
        }
        if let difference = try RecordedRun.difference(original, again, kind: recorded.kind) {
            StandardError.write("scaling-laws rerun: \(path) is not reproduced: \(difference)\n")
            return 1
        }
        print("reproduced \(path): scaling-laws \(recorded.command) " + words.filter { !$0.contains("scaling-laws-rerun-") }
            .filter { $0 != "--output" }.joined(separator: " "))
        return 0
    }
}
