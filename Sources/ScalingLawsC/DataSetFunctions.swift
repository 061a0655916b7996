import CScalingLawsABI
import NonlinearFeatureTheory
import ScalingData
import ScalingMonteCarlo
import ScalingTheory

// A real data set through the C interface (Docs/Theory.md and Docs/YourData.md):
// sl_dataset_open reads or copies the rows and analyses them once (spectrum,
// teacher power, residual noise); sl_dataset_describe reports the analysis and
// power-law fits; sl_dataset_simulate runs random-feature ridge regression on
// the real rows next to the theory's test error; sl_dataset_free releases it.

/// The opened data set: the centred rows and their analysis. Behind the
/// opaque `sl_dataset *` handle; immutable, so calls may share it across threads.
final class DataSetHandle {
    let data: CentredDataSet
    let analysis: DataSetAnalysis

    init(data: CentredDataSet, analysis: DataSetAnalysis) {
        self.data = data
        self.analysis = analysis
    }
}

/// The data-set readers' errors are bad input: an invalid argument carrying their message.
private func dataInput<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as DataSetError {
        throw InvalidArgument(String(describing: error))
    }
}

/// The defaults of `sl_dataset_input` (struct_size unset).
func default_sl_dataset_input() -> sl_dataset_input {
    var value = sl_dataset_input()
    value.data_scale = 1
    value.cutoff = DataSetAnalysis.defaultCutoff
    return value
}

@_cdecl("sl_dataset_input_init_sized")
public func sl_dataset_input_init_sized(_ input: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(input, size: size, defaults: default_sl_dataset_input())
}

@_cdecl("sl_dataset_summary_init_sized")
public func sl_dataset_summary_init_sized(_ summary: UnsafeMutableRawPointer?, _ size: Int) {
    VersionedStruct.initialize(summary, size: size, defaults: sl_dataset_summary())
}

/// The rows and targets of an `sl_dataset_input`: arrays or files, scaled, labels mapped.
private func dataSet(_ i: sl_dataset_input) throws -> DataSet {
    guard (i.data == nil) != (i.data_file == nil) else { throw InvalidArgument("give data or data_file, not both or neither") }
    guard (i.labels == nil) != (i.labels_file == nil) else {
        throw InvalidArgument("give labels or labels_file, not both or neither")
    }
    guard i.data_scale.isFinite, i.data_scale > 0 else { throw InvalidArgument("data_scale must be > 0, got \(i.data_scale)") }
    var matrix: DataMatrix
    var rows: Int
    if let values = i.data {
        let rowCount = i.rows, columnCount = i.columns
        guard rowCount >= 2, columnCount >= 1, rowCount <= 1 << 31, columnCount <= 1 << 31 else {
            throw InvalidArgument("data must be rows x columns with rows >= 2 and columns >= 1, got \(rowCount) x \(columnCount)")
        }
        let (count, overflow) = rowCount.multipliedReportingOverflow(by: columnCount)
        // The library copies the rows: at most 2^31 values (16 GiB), checked before the copy.
        guard !overflow, count <= 1 << 31 else {
            throw InvalidArgument("data has \(rowCount) x \(columnCount) values, more than 2^31")
        }
        let copied = Array(UnsafeBufferPointer(start: values, count: count))
        matrix = try DataMatrix(rows: rowCount, columns: columnCount, values: copied)
        rows = i.rows
    } else {
        let paths = String(cString: i.data_file!).split(separator: ",").map(String.init).filter { !$0.isEmpty }
        guard !paths.isEmpty else { throw InvalidArgument("data_file names no file") }
        let reader = DataFileReader()
        matrix = try DataMatrix.stacking(try paths.map { try reader.matrix($0) }, names: paths)
        rows = matrix.rows
    }
    if i.data_scale != 1 { matrix.scale(by: i.data_scale) }
    var labels: [Double]
    var labelsName = "labels"
    if let values = i.labels {
        // Without a data array the row count is known only now; labels must match it.
        guard i.label_count == rows else {
            throw InvalidArgument("labels has \(i.label_count) values; the data has \(rows) rows")
        }
        labels = Array(UnsafeBufferPointer(start: values, count: rows))
    } else {
        let paths = String(cString: i.labels_file!).split(separator: ",").map(String.init).filter { !$0.isEmpty }
        guard !paths.isEmpty else { throw InvalidArgument("labels_file names no file") }
        let reader = DataFileReader()
        labels = try paths.flatMap { try reader.labels($0) }
        labelsName = paths.joined(separator: ",")
    }
    if let classes = i.positive_classes {
        guard i.positive_class_count >= 1, i.positive_class_count <= 1 << 20 else {
            throw InvalidArgument("positive_class_count must be in 1...2^20, got \(i.positive_class_count)")
        }
        let set = Set(UnsafeBufferPointer(start: classes, count: i.positive_class_count))
        guard set.allSatisfy(\.isFinite) else { throw InvalidArgument("positive_classes must be finite numbers") }
        labels = try DataSet.binaryTargets(labels: labels, positiveClasses: set)
    }
    return try DataSet(data: matrix, targets: labels, labelsPath: labelsName)
}

@_cdecl("sl_dataset_open")
public func sl_dataset_open(_ input: UnsafePointer<sl_dataset_input>?,
                            _ handle: UnsafeMutablePointer<OpaquePointer?>?) -> Int32 {
    entryPoint {
        guard let handle else { throw InvalidArgument("dataset is NULL") }
        handle.pointee = nil
        let i = try VersionedStruct.read(input, "input", defaults: default_sl_dataset_input(),
                                         minimumSize: MemoryLayout<sl_dataset_input>.size)
        guard i.cutoff >= 0, i.cutoff < 1 else { throw InvalidArgument("cutoff must be in [0, 1), got \(i.cutoff)") }
        let opened = try dataInput {
            let centred = try CentredDataSet(try dataSet(i))
            return DataSetHandle(data: centred, analysis: try DataSetAnalysis(centred, relativeCutoff: i.cutoff))
        }
        handle.pointee = OpaquePointer(Unmanaged.passRetained(opened).toOpaque())
    }
}

@_cdecl("sl_dataset_free")
public func sl_dataset_free(_ handle: OpaquePointer?) {
    guard let handle else { return }
    Unmanaged<DataSetHandle>.fromOpaque(UnsafeRawPointer(handle)).release()
}

private func opened(_ handle: OpaquePointer?) throws -> DataSetHandle {
    guard let handle else { throw InvalidArgument("dataset is NULL") }
    return Unmanaged<DataSetHandle>.fromOpaque(UnsafeRawPointer(handle)).takeUnretainedValue()
}

@_cdecl("sl_dataset_describe")
public func sl_dataset_describe(_ handle: OpaquePointer?, _ fitStart: Int64, _ fitEnd: Int64,
                                _ summary: UnsafeMutablePointer<sl_dataset_summary>?,
                                _ eigenvalues: UnsafeMutablePointer<Double>?,
                                _ teacherPower: UnsafeMutablePointer<Double>?, _ capacity: Int) -> Int32 {
    entryPoint {
        let set = try opened(handle)
        guard let summary else { throw InvalidArgument("summary is NULL") }
        let size = summary.pointee.struct_size
        guard size >= MemoryLayout<sl_dataset_summary>.size else {
            throw InvalidArgument("summary->struct_size is too small: initialize it with sl_dataset_summary_init")
        }
        let a = set.analysis
        let m = a.latentDimension
        let window: ClosedRange<Int>
        if fitStart == 0 && fitEnd == 0 {
            window = a.defaultFitWindow
        } else {
            guard fitStart >= 1, fitEnd > fitStart, fitEnd <= Int64(m) else {
                throw InvalidArgument("the fit window must satisfy 1 <= start < end <= M = \(m), got \(fitStart)...\(fitEnd)")
            }
            window = Int(fitStart)...Int(fitEnd)
        }
        if eigenvalues != nil || teacherPower != nil {
            guard capacity >= m else { throw InvalidArgument("the arrays hold \(capacity) values; M = \(m) are needed") }
        }
        let spectrumFit = try a.spectrumFit(window)
        let teacherFit = try a.teacherFit(window)
        var s = sl_dataset_summary()
        s.struct_size = size
        s.rows = Int64(a.sampleCount)
        s.dimension = Int64(a.dimension)
        s.latent_dimension = Int64(m)
        s.dropped = Int64(a.droppedCount)
        s.trace = a.trace
        s.target_variance = a.targetVariance
        s.noise = a.residualVariance
        s.explained_variance = a.explainedVariance
        s.fit_start = Int64(window.lowerBound)
        s.fit_end = Int64(window.upperBound)
        // lambda_I ~ I^-(1+alpha) and omega_I ~ I^-beta.
        s.alpha = -spectrumFit.slope - 1
        s.alpha_standard_error = spectrumFit.slopeStandardError
        s.beta = -teacherFit.slope
        s.beta_standard_error = teacherFit.slopeStandardError
        summary.pointee = s
        if let eigenvalues { for (k, value) in a.eigenvalues.enumerated() { eigenvalues[k] = value } }
        if let teacherPower { for (k, value) in a.teacherPower.enumerated() { teacherPower[k] = value } }
    }
}

@_cdecl("sl_dataset_simulate")
public func sl_dataset_simulate(_ handle: OpaquePointer?, _ model: UnsafePointer<sl_model>?,
                                _ options: UnsafePointer<sl_simulation_options>?,
                                _ result: UnsafeMutablePointer<sl_simulation_result>?,
                                _ testErrors: UnsafeMutablePointer<Double>?, _ length: Int) -> Int32 {
    entryPoint {
        let set = try opened(handle)
        let input = try ModelInput(model, count: 1)
        let o = try VersionedStruct.read(options, "options", defaults: default_sl_simulation_options(),
                                         minimumSize: MemoryLayout<sl_simulation_options>.size)
        guard let result else { throw InvalidArgument("result is NULL") }
        guard result.pointee.struct_size >= MemoryLayout<sl_simulation_result>.size else {
            throw InvalidArgument("result->struct_size is too small: initialize it with sl_simulation_result_init")
        }
        guard o.trials >= 2, o.trials <= 1 << 31 else { throw InvalidArgument("trials must be in 2...2^31, got \(o.trials)") }
        guard o.test_samples >= 0, o.test_samples <= 1 << 40 else {
            throw InvalidArgument("test rows (test_samples) must be >= 0, got \(o.test_samples)")
        }
        if testErrors != nil, length < o.trials {
            throw InvalidArgument("test_errors holds \(length) values; trials = \(o.trials) are needed")
        }
        // The data set fixes the spectrum, the teacher and the noise.
        for column in [input.alpha, input.lambdaPlus, input.latentDimension, input.teacherVariance, input.noise,
                       input.teacherExponent] where column.isSet {
            throw InvalidArgument("\(column.name) cannot be given with a data set (it fixes spectrum, teacher and noise)")
        }
        let configuration = try ModelConfiguration(
            featureCount: try input.featureCount.value(0), sampleCount: try input.sampleCount.value(0),
            ridge: try input.ridge.value(0), featureWeightVariance: try input.featureWeightVariance.value(0))
        let activation = try o.activation.map { try Activation.named(String(cString: $0)) } ?? .linear
        let a = set.analysis
        let simulation = try DataSimulation(
            data: set.data, latentDimension: a.latentDimension, configuration: configuration,
            options: DataSimulationOptions(trials: Int(o.trials), seed: o.seed, activation: activation,
                                           testRows: o.test_samples == 0 ? nil : Int(o.test_samples),
                                           threads: try workerThreads(o.threads)))
        let theory = activation.isLinear
            ? try AlignedTeacherPrediction(spectrum: TabulatedSpectrum(eigenvalues: a.eigenvalues),
                                           teacherPower: a.teacherPower,
                                           configuration: configuration.with(noiseVariance: a.residualVariance)).testError
            : Double.nan
        let run = try simulation.run()
        var r = sl_simulation_result()
        r.struct_size = result.pointee.struct_size
        r.mean = run.testError.mean
        r.standard_error = run.testError.standardError
        r.theory = theory
        r.seconds = run.seconds
        r.trials = Int64(run.trialResults.count)
        // Ridgeless trials whose feature matrix has numerical rank below min(N, P).
        let fullRank = min(simulation.featureCount, simulation.sampleCount)
        var deficient: Int64 = 0
        for trial in run.trialResults {
            if let rank = trial.rank, rank < fullRank { deficient += 1 }
        }
        r.rank_deficient_trials = deficient
        r.training_error = run.trainingError.mean
        r.training_error_standard_error = run.trainingError.standardError
        r.gcv = run.gcv.mean
        r.gcv_standard_error = run.gcv.standardError
        result.pointee = r
        if let testErrors { for (k, trial) in run.trialResults.enumerated() { testErrors[k] = trial.testError } }
    }
}
