import CScalingLawsABI
import ScalingTheory

/// One `sl_column`, checked against the batch size.
struct Column {
    let name: String
    private let values: UnsafePointer<Double>?
    private let broadcast: Bool
    private let fallback: Double?

    /// `fallback` nil makes the parameter required.
    init(_ column: sl_column, _ name: String, count: Int, default fallback: Double?) throws {
        self.name = name
        self.fallback = fallback
        values = column.values
        broadcast = column.length == 1
        if column.values != nil {
            guard column.length == 1 || column.length == count else {
                throw InvalidArgument("\(name) has length \(column.length); it must be 1 or the point count \(count)")
            }
        }
    }

    var isSet: Bool { values != nil }

    func value(_ index: Int) throws -> Double {
        guard let values else {
            guard let fallback else { throw InvalidArgument("missing \(name)") }
            return fallback
        }
        return values[broadcast ? 0 : index]
    }
}

/// The spectrum and configuration columns of an `sl_model`, validated once,
/// read point by point.
struct ModelInput {
    /// The version-1 size of `sl_model`: everything before the teacher fields of version 2.
    static let version1Size = MemoryLayout<sl_model>.offset(of: \sl_model.teacher_exponent)!

    let count: Int
    let alpha, lambdaPlus, latentDimension: Column
    let summation: SpectralSummation?
    /// The spectrum shared by all points when tabulated.
    let tabulated: TabulatedSpectrum?
    let featureCount, sampleCount, ridge, teacherVariance, featureWeightVariance, noise: Column
    let teacherExponent: Column
    /// A tabulated teacher shared by all points.
    let teacherFromFile: Teacher?

    init(_ pointer: UnsafePointer<sl_model>?, count: Int) throws {
        guard count >= 1 else { throw InvalidArgument("the point count must be >= 1, got \(count)") }
        let model = try VersionedStruct.read(pointer, "model", defaults: sl_model(), minimumSize: Self.version1Size)
        self.count = count
        alpha = try Column(model.alpha, "alpha", count: count, default: nil)
        lambdaPlus = try Column(model.lambda_plus, "lambda_plus", count: count, default: 1)
        latentDimension = try Column(model.M, "M", count: count, default: nil)
        switch model.summation {
        case Int32(SL_SUMMATION_AUTO.rawValue): summation = nil
        case Int32(SL_SUMMATION_EXACT.rawValue): summation = .exact
        case Int32(SL_SUMMATION_EULER_MACLAURIN.rawValue): summation = .eulerMaclaurin
        default: throw InvalidArgument("summation = \(model.summation) is not an sl_summation")
        }
        if model.spectrum_file != nil || model.eigenvalues != nil {
            for column in [alpha, lambdaPlus, latentDimension] where column.isSet {
                throw InvalidArgument("a tabulated spectrum (spectrum_file or eigenvalues) cannot be combined with \(column.name)")
            }
            guard model.spectrum_file == nil || model.eigenvalues == nil else {
                throw InvalidArgument("give spectrum_file or eigenvalues, not both")
            }
            if let path = model.spectrum_file {
                tabulated = try TabulatedSpectrum(contentsOfFile: String(cString: path))
            } else {
                let n = model.eigenvalue_count
                guard n >= 1, n <= 1 << 31 else { throw InvalidArgument("eigenvalue_count must be in 1...2^31, got \(n)") }
                tabulated = try TabulatedSpectrum(eigenvalues: Array(UnsafeBufferPointer(start: model.eigenvalues, count: n)))
            }
        } else {
            tabulated = nil
        }
        featureCount = try Column(model.N, "N", count: count, default: nil)
        sampleCount = try Column(model.P, "P", count: count, default: nil)
        ridge = try Column(model.gamma, "gamma", count: count, default: 0)
        teacherVariance = try Column(model.sigma_w2, "sigma_w2", count: count, default: 1)
        featureWeightVariance = try Column(model.sigma_u2, "sigma_u2", count: count, default: 1)
        noise = try Column(model.noise, "noise", count: count, default: 0)
        teacherExponent = try Column(model.teacher_exponent, "teacher_exponent", count: count, default: 0)
        teacherFromFile = try ModelInput.tabulatedTeacher(model, exponentSet: teacherExponent.isSet,
                                                          tabulatedSpectrum: tabulated != nil)
    }

    /// The teacher of `teacher_file` or (version 3) the `teacher_power` array, if either is given.
    private static func tabulatedTeacher(_ model: sl_model, exponentSet: Bool, tabulatedSpectrum: Bool) throws
        -> Teacher? {
        let power = model.teacher_power  // nil from a version-2 caller: VersionedStruct.read left the default
        guard model.teacher_file != nil || power != nil else { return nil }
        let name = model.teacher_file != nil ? "teacher_file" : "teacher_power"
        guard model.teacher_file == nil || power == nil else { throw InvalidArgument("give teacher_file or teacher_power, not both") }
        guard !exponentSet else { throw InvalidArgument("\(name) cannot be combined with teacher_exponent") }
        guard tabulatedSpectrum else {
            throw InvalidArgument("\(name) needs spectrum_file or eigenvalues (its values follow their order)")
        }
        if let path = model.teacher_file { return try Teacher(contentsOfFile: String(cString: path)) }
        let n = model.teacher_power_count
        guard n >= 1, n <= 1 << 31 else { throw InvalidArgument("teacher_power_count must be in 1...2^31, got \(n)") }
        return try Teacher(power: Array(UnsafeBufferPointer(start: power, count: n)))
    }

    /// The spectrum at point `index`, reusing `cache` when its parameters match.
    func spectrum(_ index: Int, cache: inout SpectrumCache) throws -> any Spectrum {
        if let tabulated { return tabulated }
        let key = SpectrumCache.Key(alpha: try alpha.value(index), lambdaPlus: try lambdaPlus.value(index),
                                    latentDimension: try latentDimension.value(index))
        if let cached = cache.spectrum, cache.key == key { return cached }
        let spectrum = try PowerLawSpectrum(alpha: key.alpha, lambdaPlus: key.lambdaPlus,
                                            latentDimension: key.latentDimension, summation: summation)
        cache = SpectrumCache(key: key, spectrum: spectrum)
        return spectrum
    }

    /// The configuration at point `index`, with N and P replaced when given.
    func configuration(_ index: Int, featureCount n: Double? = nil, sampleCount p: Double? = nil) throws
        -> ModelConfiguration {
        try ModelConfiguration(featureCount: try n ?? featureCount.value(index),
                               sampleCount: try p ?? sampleCount.value(index),
                               ridge: try ridge.value(index), teacherVariance: try teacherVariance.value(index),
                               featureWeightVariance: try featureWeightVariance.value(index),
                               noiseVariance: try noise.value(index),
                               teacher: try teacherFromFile ?? Teacher.powerLaw(exponent: try teacherExponent.value(index)))
    }
}

/// The last power-law spectrum a worker built, and its parameters.
struct SpectrumCache {
    struct Key: Equatable {
        var alpha, lambdaPlus, latentDimension: Double
    }
    var key: Key?
    var spectrum: PowerLawSpectrum?

    init(key: Key? = nil, spectrum: PowerLawSpectrum? = nil) {
        self.key = key
        self.spectrum = spectrum
    }
}

/// Converts the C `threads` argument: 0 means one per core.
func workerThreads(_ threads: Int32) throws -> Int? {
    guard threads >= 0 else { throw InvalidArgument("threads must be >= 0 (0: one per core), got \(threads)") }
    return threads == 0 ? nil : Int(threads)
}
