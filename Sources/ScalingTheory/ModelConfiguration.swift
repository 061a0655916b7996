/// The sizes and variances of the random-feature model (Docs/Theory.md sections 1-2).
///
/// Conventions, stated once here:
/// - Teacher weights w_I ~ N(0, omega_I), independent, with omega_I set by
///   `teacher` and scaled by sigma_w^2: the paper's isotropic teacher (the
///   default) has omega_I = sigma_w^2 / M; see `Teacher` for the others.
///   Labels y = w . x + eps with eps ~ N(0, sigma_eps^2).
/// - Feature weights u_iI ~ N(0, sigma_u^2 / M); features phi = U x for linear
///   features.
/// - Ridge regression minimizes `1/2 sum_mu (z(x_mu) - y_mu)^2 + gamma/2 |theta|^2`:
///   the ridge gamma multiplies the *unnormalized* sum over the P samples.
///   gamma = 0 is the limit gamma -> 0+ (least squares for N < P, the
///   minimum-norm interpolator for N > P).
/// - The test loss is `L = 1/2 E_x[(z(x) - w . x)^2]`, against the clean
///   teacher (label noise excluded), with the factor 1/2.
///
/// N and P are real numbers >= 1 so that the theory can be evaluated between
/// integers (for sweeps and derivatives).
public struct ModelConfiguration: Sendable, Equatable, Codable {
    /// N, the number of random features.
    public let featureCount: Double
    /// P, the number of training samples.
    public let sampleCount: Double
    /// gamma >= 0, the ridge.
    public let ridge: Double
    /// sigma_w^2 > 0, the teacher variance (w_I ~ N(0, sigma_w^2 / M)).
    public let teacherVariance: Double
    /// sigma_u^2 > 0, the feature-weight variance (u_iI ~ N(0, sigma_u^2 / M)).
    public let featureWeightVariance: Double
    /// sigma_eps^2 >= 0, the label-noise variance.
    public let noiseVariance: Double
    /// How the teacher's power omega_I = E[w_I^2] is spread over the latent
    /// directions (Docs/Theory.md section 8); `.isotropic` by default.
    public let teacher: Teacher

    /// Throws `ScalingError.invalidParameter` for N or P below 1, a negative
    /// ridge or noise, non-positive variances, or any non-finite value.
    public init(featureCount: Double, sampleCount: Double, ridge: Double = 0,
                teacherVariance: Double = 1, featureWeightVariance: Double = 1,
                noiseVariance: Double = 0, teacher: Teacher = .isotropic) throws {
        try Check.atLeastOne(featureCount, "featureCount (N)")
        try Check.atLeastOne(sampleCount, "sampleCount (P)")
        try Check.nonNegative(ridge, "ridge (gamma)")
        try Check.positive(teacherVariance, "teacherVariance (sigma_w^2)")
        try Check.positive(featureWeightVariance, "featureWeightVariance (sigma_u^2)")
        try Check.nonNegative(noiseVariance, "noiseVariance (sigma_eps^2)")
        self.featureCount = featureCount
        self.sampleCount = sampleCount
        self.ridge = ridge
        self.teacherVariance = teacherVariance
        self.featureWeightVariance = featureWeightVariance
        self.noiseVariance = noiseVariance
        self.teacher = teacher
    }

    private enum CodingKeys: String, CodingKey {
        case featureCount, sampleCount, ridge, teacherVariance, featureWeightVariance, noiseVariance, teacher
    }

    /// Decodes and validates; a missing `teacher` means the isotropic one.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(featureCount: try c.decode(Double.self, forKey: .featureCount),
                      sampleCount: try c.decode(Double.self, forKey: .sampleCount),
                      ridge: try c.decode(Double.self, forKey: .ridge),
                      teacherVariance: try c.decode(Double.self, forKey: .teacherVariance),
                      featureWeightVariance: try c.decode(Double.self, forKey: .featureWeightVariance),
                      noiseVariance: try c.decode(Double.self, forKey: .noiseVariance),
                      teacher: try c.decodeIfPresent(Teacher.self, forKey: .teacher) ?? .isotropic)
    }

    /// The same configuration with some values replaced (validated again).
    public func with(featureCount: Double? = nil, sampleCount: Double? = nil, ridge: Double? = nil,
                     teacherVariance: Double? = nil, featureWeightVariance: Double? = nil,
                     noiseVariance: Double? = nil, teacher: Teacher? = nil) throws -> ModelConfiguration {
        try ModelConfiguration(featureCount: featureCount ?? self.featureCount,
                               sampleCount: sampleCount ?? self.sampleCount,
                               ridge: ridge ?? self.ridge,
                               teacherVariance: teacherVariance ?? self.teacherVariance,
                               featureWeightVariance: featureWeightVariance ?? self.featureWeightVariance,
                               noiseVariance: noiseVariance ?? self.noiseVariance,
                               teacher: teacher ?? self.teacher)
    }
}
