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
        let length = UInt(bitPattern: column.length)
        broadcast = length == 1
        if column.values != nil {
            guard length == 1 || length == UInt(count) else {
                throw InvalidArgument("\(name) has length \(length); it must be 1 or the point count \(count)")
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
    let count: Int
    let alpha, lambdaPlus, latentDimension: Column
    let summation: SpectralSummation?
    /// The spectrum shared by all points when tabulated.
    let tabulated: TabulatedSpectrum?
    let featureCount, sampleCount, ridge, teacherVariance, featureWeightVariance, noise: Column
    let teacherExponent: Column
    /// A tabulated teacher (file or array) shared by all points.
    let tabulatedTeacher: Teacher?
    /// Gradient-flow time (version 3); unset: the converged fit.
    let time: Column

    init(_ pointer: UnsafePointer<sl_model>?, count: UInt) throws {
        let count = try WorkLimit.points.check(count, "the point count")
        let model = try sl_model.read(pointer, "model")
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
                let n = try WorkLimit.eigenvalues.check(UInt(bitPattern: model.eigenvalue_count), "eigenvalue_count")
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
        time = try Column(model.time, "time", count: count, default: .infinity)
        tabulatedTeacher = try Self.teacher(model, tabulated: tabulated != nil, exponent: teacherExponent)
    }

    /// The teacher of `teacher_file` or `teacher_power`, nil for a power law.
    private static func teacher(_ model: sl_model, tabulated: Bool, exponent: Column) throws -> Teacher? {
        guard model.teacher_file != nil || model.teacher_power != nil else { return nil }
        guard model.teacher_file == nil || model.teacher_power == nil else {
            throw InvalidArgument("give teacher_file or teacher_power, not both")
        }
        guard !exponent.isSet else { throw InvalidArgument("a tabulated teacher cannot be combined with teacher_exponent") }
        guard tabulated else {
            throw InvalidArgument("a tabulated teacher needs spectrum_file or eigenvalues (its entries follow their order)")
        }
        if let path = model.teacher_file { return try Teacher(contentsOfFile: String(cString: path)) }
        let n = try WorkLimit.eigenvalues.check(UInt(bitPattern: model.teacher_power_count), "teacher_power_count")
        return try Teacher(power: Array(UnsafeBufferPointer(start: model.teacher_power, count: n)))
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
                               teacher: try tabulatedTeacher ?? Teacher.powerLaw(exponent: try teacherExponent.value(index)))
    }

    /// Refuses the columns a call ignores when they are set.
    func requireUnset(_ columns: [Column], _ reason: String) throws {
        for column in columns where column.isSet { throw InvalidArgument("\(column.name) must be unset: \(reason)") }
    }
}

/// One point of a batch: its spectrum and the model's columns at its index.
struct ModelPoint {
    let input: ModelInput
    let index: Int
    let spectrum: any Spectrum

    func configuration(featureCount n: Double? = nil, sampleCount p: Double? = nil) throws -> ModelConfiguration {
        try input.configuration(index, featureCount: n, sampleCount: p)
    }

    func value(_ column: Column) throws -> Double { try column.value(index) }
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
