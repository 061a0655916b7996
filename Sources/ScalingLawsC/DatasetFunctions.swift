import CScalingLawsABI
import DenseAlgebra
import NonlinearFeatureTheory
import ScalingData
import ScalingMonteCarlo
import ScalingTheory

// Data sets from C (Docs/YourData.md): sl_dataset_open reads or copies a data
// set, centres and analyses it once; the handle then gives its summary, its
// spectrum and teacher, and simulations on its rows (sl_simulate_data).

/// The status of a data-set error: a file that cannot be read, a size above
/// the memory budget, else bad input. (Not a switch: cases added to
/// DataSetError later are bad input without touching this file.)
func dataSetStatus(_ error: Error) -> sl_status {
    if case .unreadable? = error as? DataSetError { return SL_ERROR_UNREADABLE_FILE }
    if case .tooLarge? = error as? DataSetError { return SL_ERROR_TOO_LARGE }
    return SL_ERROR_INVALID_ARGUMENT
}

/// What an `sl_dataset` handle holds: the centred rows, their analysis and
/// the fit window the caller asked for (nil: the default).
final class DataSetHandle: @unchecked Sendable {
    let centred: CentredDataSet
    let analysis: DataSetAnalysis
    let fitWindow: ClosedRange<Int>?
    /// The held-out noise estimate, measured on the first describe (ten
    /// refits: not paid by callers that only simulate) and kept; `lock`
    /// guards it, since several threads may share a handle.
    private var heldOut: Double??
    private let lock = Lock()

    init(centred: CentredDataSet, analysis: DataSetAnalysis, fitWindow: ClosedRange<Int>?) {
        self.centred = centred
        self.analysis = analysis
        self.fitWindow = fitWindow
    }

    /// `ResidualNoise.heldOutResidualVariance`, as `scaling-laws dataset`
    /// writes it to dataset.json (noiseHeldOut); nil when a fold leaves too
    /// few rows.
    func heldOutResidualVariance() throws -> Double? {
        lock.lock()
        defer { lock.unlock() }
        if let heldOut { return heldOut }
        let value = try ResidualNoise.heldOutResidualVariance(centred, analysis: analysis)
        heldOut = .some(value)
        return value
    }

    /// The handle behind a caller's pointer (not retained).
    static func from(_ pointer: OpaquePointer?) throws -> DataSetHandle {
        guard let pointer else { throw InvalidArgument("dataset is NULL") }
        return Unmanaged<DataSetHandle>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
    }
}

/// The data set an `sl_data_input` describes: arrays or files, exactly one of each pair.
private func loadDataSet(_ input: sl_data_input) throws -> DataSet {
    guard (input.data == nil) != (input.data_file == nil) else {
        throw InvalidArgument("give data (an array) or data_file, exactly one")
    }
    guard (input.labels == nil) != (input.labels_file == nil) else {
        throw InvalidArgument("give labels (an array) or labels_file, exactly one")
    }
    guard input.scale.isFinite, input.scale > 0 else {
        throw InvalidArgument("scale must be a positive finite number, got \(input.scale)")
    }
    let reader = DataFileReader()
    var data: DataMatrix
    if let path = input.data_file {
        data = try reader.matrix(String(cString: path))
    } else {
        let rows = try WorkLimit.samples.check(UInt(bitPattern: input.rows), "rows", minimum: 2)
        let columns = try WorkLimit.eigenvalues.check(UInt(bitPattern: input.columns), "columns")
        // The copy, its centred twin and the d x d covariance with its
        // eigenvectors, counted in doubles (no overflow) before the product in Int.
        try MemoryBudget.check(8 * (2 * Double(rows) * Double(columns) + 2 * Double(columns) * Double(columns)),
                               limit: nil, what: "a \(rows) x \(columns) data set")
        let cells = rows * columns
        data = try DataMatrix(rows: rows, columns: columns, values: Array(UnsafeBufferPointer(start: input.data, count: cells)))
    }
    var labels: [Double]
    if let path = input.labels_file {
        labels = try reader.labels(String(cString: path))
    } else {
        labels = Array(UnsafeBufferPointer(start: input.labels, count: data.rows))
        if let bad = labels.firstIndex(where: { !$0.isFinite }) {
            throw InvalidArgument("labels[\(bad)] = \(labels[bad]) is not finite")
        }
    }
    if input.scale != 1 { data.scale(by: input.scale) }
    if input.positive_classes != nil {
        let count = try WorkLimit.points.check(UInt(bitPattern: input.positive_class_count), "positive_class_count")
        let classes = Set(UnsafeBufferPointer(start: input.positive_classes, count: count))
        labels = try DataSet.binaryTargets(labels: labels, positiveClasses: classes)
    }
    return try DataSet(data: data, targets: labels, labelsPath: input.labels_file.map { String(cString: $0) } ?? "labels")
}

@_cdecl("sl_dataset_open")
public func sl_dataset_open(_ input: UnsafePointer<sl_data_input>?, _ dataset: UnsafeMutablePointer<OpaquePointer?>?)
    -> Int32 {
    dataset?.pointee = nil
    return entryPoint {
        let i = try sl_data_input.read(input, "input")
        guard let dataset else { throw InvalidArgument("dataset is NULL (pass the address of an sl_dataset pointer)") }
        let requested = try fitWindow(first: i.fit_first, last: i.fit_last)
        let centred = try CentredDataSet(try loadDataSet(i))
        let analysis = try DataSetAnalysis(centred, relativeCutoff: i.cutoff)
        if let requested, requested.upperBound > analysis.latentDimension {
            throw InvalidArgument("fit_last = \(requested.upperBound) must be at most M = \(analysis.latentDimension)")
        }
        let handle = DataSetHandle(centred: centred, analysis: analysis, fitWindow: requested)
        dataset.pointee = OpaquePointer(Unmanaged.passRetained(handle).toOpaque())
    }
}

/// The fit window of `sl_data_input` (`--fit-window A:B`): nil for both 0
/// (the default window), else 1 <= first < last.
private func fitWindow(first: UInt64, last: UInt64) throws -> ClosedRange<Int>? {
    if first == 0 && last == 0 { return nil }
    guard first >= 1, first < last, last <= UInt64(SL_MAX_EIGENVALUES) else {
        throw InvalidArgument("fit_first and fit_last need 1 <= fit_first < fit_last <= M (or both 0 for the default "
                              + "window), got \(first) and \(last)")
    }
    return Int(first)...Int(last)
}

@_cdecl("sl_dataset_free")
public func sl_dataset_free(_ dataset: OpaquePointer?) {
    guard let dataset else { return }
    Unmanaged<DataSetHandle>.fromOpaque(UnsafeRawPointer(dataset)).release()
}

@_cdecl("sl_dataset_describe")
public func sl_dataset_describe(_ dataset: OpaquePointer?, _ summary: UnsafeMutablePointer<sl_dataset_summary>?) -> Int32 {
    entryPoint {
        let handle = try DataSetHandle.from(dataset)
        let a = handle.analysis
        var s = try sl_dataset_summary.read(summary.map { UnsafePointer($0) }, "summary")
        s.rows = UInt64(a.sampleCount)
        s.columns = UInt64(a.dimension)
        s.latent_dimension = UInt64(a.latentDimension)
        s.dropped = UInt64(a.droppedCount)
        s.target_variance = a.targetVariance
        s.residual_variance = a.residualVariance
        s.explained_variance = a.explainedVariance
        s.trace = a.trace
        s.noise_in_sample = a.inSampleResidualVariance
        s.noise_unbiased = a.unbiasedResidualVariance
        s.noise_standard_error = a.residualVarianceStandardError
        // Only a caller whose struct has the field pays for the ten refits.
        if sl_dataset_summary.declaredSize(UnsafePointer(summary!)) >= UInt(MemoryLayout<sl_dataset_summary>.offset(
            of: \sl_dataset_summary.noise_held_out)! + MemoryLayout<Double>.size) {
            s.noise_held_out = try handle.heldOutResidualVariance() ?? .nan
        }
        // The fits of `scaling-laws dataset` over the requested window (or
        // the default one); NaN (window 0...0) when it has fewer than three
        // eigenvalues (no standard error) or the fit fails.
        let window = handle.fitWindow ?? a.defaultFitWindow
        if window.count >= 3, window.upperBound <= a.latentDimension, let spectrum = try? a.spectrumFit(window),
           let teacher = try? a.teacherFit(window) {
            s.alpha = -spectrum.slope - 1
            s.alpha_standard_error = spectrum.slopeStandardError
            s.beta = -teacher.slope
            s.beta_standard_error = teacher.slopeStandardError
            s.fit_first = UInt64(window.lowerBound)
            s.fit_last = UInt64(window.upperBound)
        } else {
            (s.alpha, s.alpha_standard_error, s.beta, s.beta_standard_error) = (.nan, .nan, .nan, .nan)
            (s.fit_first, s.fit_last) = (0, 0)
        }
        sl_dataset_summary.write(s, to: summary!)
    }
}

@_cdecl("sl_dataset_spectrum")
public func sl_dataset_spectrum(_ dataset: OpaquePointer?, _ eigenvalues: UnsafeMutablePointer<Double>?,
                                _ teacherPower: UnsafeMutablePointer<Double>?, _ capacity: UInt) -> Int32 {
    entryPoint {
        let a = try DataSetHandle.from(dataset).analysis
        let m = a.latentDimension
        guard eigenvalues != nil || teacherPower != nil else {
            throw InvalidArgument("eigenvalues and teacher_power are both NULL")
        }
        guard capacity >= UInt(m) else { throw InvalidArgument("the arrays hold \(capacity) values; M = \(m) are needed") }
        if let eigenvalues { for (k, value) in a.eigenvalues.enumerated() { eigenvalues[k] = value } }
        if let teacherPower { for (k, value) in a.teacherPower.enumerated() { teacherPower[k] = value } }
    }
}

@_cdecl("sl_simulate_data")
public func sl_simulate_data(_ dataset: OpaquePointer?, _ model: UnsafePointer<sl_model>?,
                             _ options: UnsafePointer<sl_simulation_options>?, _ testRows: UInt64,
                             _ result: UnsafeMutablePointer<sl_data_simulation_result>?,
                             _ testErrors: UnsafeMutablePointer<Double>?, _ testErrorsLength: UInt) -> Int32 {
    entryPoint {
        let handle = try DataSetHandle.from(dataset)
        let input = try ModelInput(model, count: 1)
        guard input.tabulated == nil, input.tabulatedTeacher == nil else {
            throw InvalidArgument("the data set fixes the spectrum and teacher: leave spectrum_file, eigenvalues and the teacher unset")
        }
        try input.requireUnset([input.alpha, input.lambdaPlus, input.latentDimension, input.teacherVariance, input.noise,
                                input.teacherExponent, input.time],
                               "the data set fixes the spectrum, teacher and noise")
        let o = try sl_simulation_options.read(options, "options")
        var r = try sl_data_simulation_result.read(result.map { UnsafePointer($0) }, "result")
        let trials = try WorkLimit.trials.check(o.trials, "trials", minimum: 2)
        let rows = testRows == 0 ? nil : try WorkLimit.samples.check(testRows, "test_rows")
        let perTrial = try trialBuffer(testErrors, length: testErrorsLength, trials: trials, "test_errors")
        let configuration = try ModelConfiguration(
            featureCount: try input.featureCount.value(0), sampleCount: try input.sampleCount.value(0),
            ridge: try input.ridge.value(0), featureWeightVariance: try input.featureWeightVariance.value(0))
        let a = handle.analysis
        let simulationOptions = DataSimulationOptions(trials: trials, seed: o.seed, activation: try activation(o.activation),
                                                      testRows: rows, threads: try workerThreads(o.threads))
        let simulation = try DataSimulation(data: handle.centred, latentDimension: a.latentDimension,
                                            configuration: configuration, options: simulationOptions)
        let theory = simulationOptions.activation.isLinear ? try a.theory(configuration: configuration).testError : Double.nan
        let run = try simulation.run()
        r.test_error = run.testError.mean
        r.test_error_standard_error = run.testError.standardError
        r.training_error = run.trainingError.mean
        r.training_error_standard_error = run.trainingError.standardError
        r.gcv = run.gcv.mean
        r.gcv_standard_error = run.gcv.standardError
        r.theory_test_error = theory
        r.seconds = run.seconds
        r.trials = UInt64(run.trialResults.count)
        r.test_rows = UInt64(simulation.testRowCount)
        sl_data_simulation_result.write(r, to: result!)
        if let perTrial {
            for (k, trial) in run.trialResults.enumerated() { perTrial[k] = trial.testError }
        }
    }
}
