import ScalingTheory

/// The theory for a data set: its spectrum, the best linear teacher's power
/// per eigendirection and the residual noise (Docs/Theory.md sections 8 and 9),
/// in the quantities the real-data commands report.
///
/// The loss is ScalingTheory's, with a tabulated `Teacher` (omega_I given
/// per direction, aligned with the spectrum's order, sigma_w^2 = 1):
/// `loss` is <L> against the best linear teacher, `testError = <L> +
/// sigma_eps^2/2` the error against the real labels, and `trainingError =
/// (1 - df1/P)^2 testError`, all with the 1/2 of the loss.
public struct AlignedTeacherPrediction: Sendable, Equatable {
    /// <L>.
    public var loss: Double
    /// <L> + sigma_eps^2 / 2: the expected 1/2 (z - y)^2 on fresh rows.
    public var testError: Double
    /// (1 - df1/P)^2 testError.
    public var trainingError: Double
    public var delta: Double
    public var df1: Double
    public var df2: Double

    /// Throws what `Teacher(power:)` and the solver throw (a teacher list
    /// whose length differs from the spectrum's, a negative or non-finite
    /// entry, no positive entry). The configuration's `teacherVariance` and
    /// `teacher` are replaced (1 and the tabulated teacher); its
    /// `noiseVariance` is sigma_eps^2.
    public init(spectrum: TabulatedSpectrum, teacherPower omega: [Double], configuration c: ModelConfiguration) throws {
        let prediction = try spectrum.predict(c.with(teacherVariance: 1, teacher: Teacher(power: omega)))
        loss = prediction.loss
        testError = prediction.loss + c.noiseVariance / 2
        trainingError = prediction.trainingError
        delta = prediction.delta
        df1 = prediction.df1
        df2 = prediction.df2
    }
}
