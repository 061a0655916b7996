import Foundation
import ScalingTheory

// The column-list builders of the record kinds: groups of fields that several
// kinds share (the configuration, wall-clock seconds) and the table text
// derived from a field's own value, so that each kind states a shared group
// once and a number's table format without restating how to read it.

extension Column {
    /// The same column, its table text the value in the printf `format`
    /// (`"%.4f"`), and "n/a" where it is null.
    package func formatted(_ format: String) -> Column {
        let value = self.value
        return shown { row in
            guard case let .number(x) = value(row) else { return "n/a" }
            return String(format: format, x)
        }
    }

    /// `seconds`: the wall-clock seconds of the run, three decimals in tables.
    package static func seconds(_ value: @escaping (Row) -> Double) -> Column {
        number("seconds", "seconds", value).formatted("%.3f")
    }

    /// `N`, `P` and `gamma` of the row's configuration.
    package static func configuration(_ configuration: @escaping (Row) -> ModelConfiguration) -> [Column] {
        [number("N", "N") { configuration($0).featureCount }, number("P", "P") { configuration($0).sampleCount },
         number("gamma", "gamma") { configuration($0).ridge }]
    }

    /// A grid point: its `value` (labelled "grid value") and configuration.
    package static func gridPoint(_ value: @escaping (Row) -> Double,
                                  _ configuration: @escaping (Row) -> ModelConfiguration) -> [Column] {
        [number("value", "grid value", value)] + Self.configuration(configuration)
    }
}
