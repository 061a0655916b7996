import CScalingLawsABI
import ScalingData

// The versioned structs of scaling_laws.h: each one's defaults (where a field
// is not zero by default) and version-1 size (where fields were appended),
// and its exported sl_*_init_sized (see ArgumentUnpacking.swift).

extension sl_model: CStruct {
    /// Version 1 ends before the teacher fields of version 2.
    static var version1Size: Int { MemoryLayout<sl_model>.offset(of: \sl_model.teacher_exponent)! }
}
extension sl_predictions: CStruct {
    /// Version 1 ends before training_error.
    static var version1Size: Int { MemoryLayout<sl_predictions>.offset(of: \sl_predictions.training_error)! }
}
extension sl_exponents_out: CStruct {}
extension sl_optimal_ridge_out: CStruct {}
extension sl_compute_optimal_out: CStruct {}
extension sl_simulation_options: CStruct {
    static var defaults: sl_simulation_options {
        var value = sl_simulation_options()
        value.trials = 32
        value.test_samples = 10_000
        return value
    }
}
extension sl_simulation_result: CStruct {
    /// Version 1 ends before training_error.
    static var version1Size: Int { MemoryLayout<sl_simulation_result>.offset(of: \sl_simulation_result.training_error)! }
}
extension sl_spectrum_options: CStruct {
    static var defaults: sl_spectrum_options {
        var value = sl_spectrum_options()
        value.samples = 20_000
        return value
    }
}
extension sl_nonlinear_options: CStruct {
    static var defaults: sl_nonlinear_options {
        var value = sl_nonlinear_options()
        value.draws = 12
        return value
    }
}
extension sl_nonlinear_predictions: CStruct {}
extension sl_data_input: CStruct {
    /// Version 3 ends before the fit window of version 4.
    static var version1Size: Int { MemoryLayout<sl_data_input>.offset(of: \sl_data_input.fit_first)! }
    static var defaults: sl_data_input {
        var value = sl_data_input()
        value.scale = 1
        value.cutoff = DataSetAnalysis.defaultCutoff
        return value
    }
}
extension sl_dataset_summary: CStruct {
    /// Version 3 ends before the noise estimates of version 4.
    static var version1Size: Int { MemoryLayout<sl_dataset_summary>.offset(of: \sl_dataset_summary.noise_in_sample)! }
    static var defaults: sl_dataset_summary {
        var value = sl_dataset_summary()
        (value.noise_in_sample, value.noise_unbiased, value.noise_standard_error, value.noise_held_out) = (.nan, .nan, .nan, .nan)
        return value
    }
}
extension sl_data_simulation_result: CStruct {}

@_cdecl("sl_model_init_sized") public func sl_model_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_model.initialize(p, size: size) }
@_cdecl("sl_predictions_init_sized") public func sl_predictions_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_predictions.initialize(p, size: size) }
@_cdecl("sl_exponents_init_sized") public func sl_exponents_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_exponents_out.initialize(p, size: size) }
@_cdecl("sl_optimal_ridge_init_sized") public func sl_optimal_ridge_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_optimal_ridge_out.initialize(p, size: size) }
@_cdecl("sl_compute_optimal_init_sized") public func sl_compute_optimal_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_compute_optimal_out.initialize(p, size: size) }
@_cdecl("sl_simulation_options_init_sized") public func sl_simulation_options_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_simulation_options.initialize(p, size: size) }
@_cdecl("sl_simulation_result_init_sized") public func sl_simulation_result_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_simulation_result.initialize(p, size: size) }
@_cdecl("sl_spectrum_options_init_sized") public func sl_spectrum_options_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_spectrum_options.initialize(p, size: size) }
@_cdecl("sl_nonlinear_options_init_sized") public func sl_nonlinear_options_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_nonlinear_options.initialize(p, size: size) }
@_cdecl("sl_nonlinear_predictions_init_sized") public func sl_nonlinear_predictions_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_nonlinear_predictions.initialize(p, size: size) }
@_cdecl("sl_data_input_init_sized") public func sl_data_input_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_data_input.initialize(p, size: size) }
@_cdecl("sl_dataset_summary_init_sized") public func sl_dataset_summary_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_dataset_summary.initialize(p, size: size) }
@_cdecl("sl_data_simulation_result_init_sized") public func sl_data_simulation_result_init_sized(_ p: UnsafeMutableRawPointer?, _ size: UInt) { sl_data_simulation_result.initialize(p, size: size) }
