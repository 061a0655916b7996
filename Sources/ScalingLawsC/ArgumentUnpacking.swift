import CScalingLawsABI
import ScalingTheory

// THE ONE ARGUMENT-UNPACKING PATH of the C interface. Every entry point reads
// its arguments through the pieces of this file, so that the checks (NULL,
// struct_size, unsigned counts against the work limits, column lengths) are
// written once. To add a C function (in a new file named after its concept):
//
//   1. Declare it and its structs in include/scaling_laws.h; every struct
//      begins with `size_t struct_size` and gets an `sl_X_init` macro over
//      `sl_X_init_sized`.
//   2. Make each struct a `CStruct` (`extension sl_X: CStruct {}`; give
//      `defaults` when a field's default is not zero, and `version1Size` once
//      fields are appended), and export its initializer in one line:
//      `@_cdecl("sl_X_init_sized") public func sl_X_init_sized(_ p:
//      UnsafeMutableRawPointer?, _ size: UInt) { sl_X.initialize(p, size: size) }`
//      (StructInitializers.swift lists those of the functions here; a new
//      file may keep its own beside its functions).
//   3. Take every size_t / uint64_t count as UInt / UInt64 and wrap the body
//      in `entryPoint { ... }` (LastError.swift: the status, the thread's
//      message, GSL's handler off). Inside:
//        - `try sl_X.read(pointer, "name")` for an input or output struct;
//          a result struct is read, filled and given back with `sl_X.write`;
//        - `try WorkLimit.points.check(count, "count")` for a count;
//        - `try ModelInput(model, count:)` for an sl_model;
//        - for a batch over points: `try BatchCall(model, count, out,
//          threads).run { i, point, out in ... }`, writing with `put`.
//   4. Add its error paths to Tests/CInterface/check_errors.c, and a check of
//      its results against an independent route to a Tests/CInterface/*.c
//      listed in the Makefile's C_CHECKS (`make test-c`); Docs/C.md.

/// A versioned C struct of scaling_laws.h: it begins with `size_t
/// struct_size`, the size the caller compiled; fields appended in later
/// versions are absent from an older caller's struct, so only the first
/// `struct_size` bytes are read (or written) and the rest keep their defaults.
protocol CStruct {
    init()
    /// Every field at its default (struct_size unset).
    static var defaults: Self { get }
    /// The size of the struct's first version: a smaller struct_size means
    /// the caller did not initialize it with its sl_*_init.
    static var version1Size: Int { get }
}

extension CStruct {
    static var defaults: Self { Self() }
    static var version1Size: Int { MemoryLayout<Self>.size }

    /// `sl_X_init_sized`: writes the defaults into the caller's struct of
    /// `size` bytes (its sizeof, possibly from an older or newer header): our
    /// fields that fit, zeros past ours, and struct_size = `size`.
    static func initialize(_ pointer: UnsafeMutableRawPointer?, size: UInt) {
        guard let pointer, size >= UInt(MemoryLayout<UInt>.size), size <= UInt(Int.max) else { return }
        var value = defaults
        let ours = MemoryLayout<Self>.size
        withUnsafeBytes(of: &value) { bytes in
            pointer.copyMemory(from: bytes.baseAddress!, byteCount: min(Int(size), ours))
        }
        if Int(size) > ours {
            (pointer + ours).initializeMemory(as: UInt8.self, repeating: 0, count: Int(size) - ours)
        }
        pointer.storeBytes(of: size, as: UInt.self)
    }

    /// A copy of `*pointer` of which only the caller's `struct_size` bytes are
    /// read over the defaults. Throws for NULL or a struct_size below version 1.
    static func read(_ pointer: UnsafePointer<Self>?, _ name: String) throws -> Self {
        guard let pointer else { throw InvalidArgument("\(name) is NULL") }
        let declared = declaredSize(pointer)
        guard declared >= UInt(version1Size) else {
            throw InvalidArgument("\(name)->struct_size = \(declared) is below \(version1Size): initialize it with its sl_*_init")
        }
        var value = defaults
        withUnsafeMutableBytes(of: &value) { target in
            target.copyMemory(from: UnsafeRawBufferPointer(start: pointer, count: Int(min(declared, UInt(MemoryLayout<Self>.size)))))
        }
        return value
    }

    /// Writes `value` over the caller's struct, only its first struct_size
    /// bytes: a result struct is `read`, filled, then written back.
    static func write(_ value: Self, to pointer: UnsafeMutablePointer<Self>) {
        let declared = declaredSize(UnsafePointer(pointer))
        var copy = value
        withUnsafeBytes(of: &copy) { bytes in
            UnsafeMutableRawPointer(pointer).copyMemory(from: bytes.baseAddress!,
                                                        byteCount: Int(min(declared, UInt(bytes.count))))
        }
    }

    /// The caller's struct_size.
    static func declaredSize(_ pointer: UnsafePointer<Self>) -> UInt {
        UnsafeRawPointer(pointer).load(as: UInt.self)
    }
}

/// The documented work limits (SL_MAX_* in scaling_laws.h): every count a
/// caller passes is checked against one before anything runs or is allocated.
enum WorkLimit {
    case points, eigenvalues, trials, draws, samples, features

    var maximum: UInt64 {
        switch self {
        case .points: return UInt64(SL_MAX_POINTS)
        case .eigenvalues: return UInt64(SL_MAX_EIGENVALUES)
        case .trials: return UInt64(SL_MAX_TRIALS)
        case .draws: return UInt64(SL_MAX_DRAWS)
        case .samples: return UInt64(SL_MAX_SAMPLES)
        case .features: return UInt64(SL_MAX_FEATURES)
        }
    }

    var macro: String {
        switch self {
        case .points: return "SL_MAX_POINTS"
        case .eigenvalues: return "SL_MAX_EIGENVALUES"
        case .trials: return "SL_MAX_TRIALS"
        case .draws: return "SL_MAX_DRAWS"
        case .samples: return "SL_MAX_SAMPLES"
        case .features: return "SL_MAX_FEATURES"
        }
    }

    /// `value` as an Int after checking `minimum <= value <= maximum`
    /// (below: InvalidArgument; above: WorkLimitExceeded, SL_ERROR_TOO_LARGE).
    func check<T: UnsignedInteger>(_ value: T, _ name: String, minimum: UInt64 = 1) throws -> Int {
        let wide = UInt64(value)
        guard wide >= minimum else { throw InvalidArgument("\(name) must be >= \(minimum), got \(wide)") }
        guard wide <= maximum else { throw WorkLimitExceeded(name: name, value: wide, limit: self) }
        return Int(wide)
    }
}

/// A count above its work limit (SL_ERROR_TOO_LARGE).
struct WorkLimitExceeded: Error, CustomStringConvertible {
    let name: String
    let value: UInt64
    let limit: WorkLimit

    var description: String {
        let hint = value >= 1 << 63 ? " (a negative number passed as an unsigned count?)" : ""
        return "\(name) = \(value) is above the work limit \(limit.macro) = \(limit.maximum)\(hint)"
    }
}

/// A batch entry point's arguments (sl_predict, sl_exponents, ...): the
/// model over `count` points, the output struct, the worker threads.
struct BatchCall<Output: CStruct> {
    let input: ModelInput
    let output: Output
    let threads: Int?

    /// `time`: whether the call reads the model's gradient-flow time (only
    /// sl_predict does; elsewhere a set time is refused, not ignored).
    init(_ model: UnsafePointer<sl_model>?, _ count: UInt, _ out: UnsafePointer<Output>?, threads: Int32,
         time: Bool = false) throws {
        input = try ModelInput(model, count: count)
        if !time { try input.requireUnset([input.time], "only sl_predict takes a gradient-flow time") }
        output = try Output.read(out, "out")
        self.threads = try workerThreads(threads)
    }

    /// Runs `point(i, model point, output)` for every point on the worker
    /// threads; a failure names its point (the lowest failing index).
    func run(_ point: (Int, ModelPoint, Output) throws -> Void) throws {
        try ParallelBatch.run(count: input.count, threads: threads, makeCache: { SpectrumCache() }) { i, cache in
            try point(i, ModelPoint(input: input, index: i, spectrum: try input.spectrum(i, cache: &cache)), output)
        }
    }
}

/// Writes `value` at `index` of an optional output buffer.
@inline(__always)
func put<T>(_ buffer: UnsafeMutablePointer<T>?, _ index: Int, _ value: T) {
    buffer?[index] = value
}

/// Converts the C `threads` argument: 0 means one per core.
func workerThreads(_ threads: Int32) throws -> Int? {
    guard threads >= 0 else { throw InvalidArgument("threads must be >= 0 (0: one per core), got \(threads)") }
    return threads == 0 ? nil : Int(threads)
}
