/// Validation helpers shared by the public initializers.
package enum Check {
    package static func finite(_ value: Double, _ name: String) throws {
        guard value.isFinite else {
            throw ScalingError.invalidParameter(name: name, value: value, requirement: "must be finite")
        }
    }
    package static func positive(_ value: Double, _ name: String) throws {
        try finite(value, name)
        guard value > 0 else {
            throw ScalingError.invalidParameter(name: name, value: value, requirement: "must be positive")
        }
    }
    package static func nonNegative(_ value: Double, _ name: String) throws {
        try finite(value, name)
        guard value >= 0 else {
            throw ScalingError.invalidParameter(name: name, value: value, requirement: "must be >= 0")
        }
    }
    package static func atLeastOne(_ value: Double, _ name: String) throws {
        try finite(value, name)
        guard value >= 1 else {
            throw ScalingError.invalidParameter(name: name, value: value, requirement: "must be >= 1")
        }
    }
}
