import Glibc

extension String {
    /// `format` rendered by C's `snprintf` in the C locale: numbers in
    /// messages (`%.3g`, `%.17g`, `%02X`) without Foundation's
    /// `String(cFormat:)`, which would link CoreFoundation and its ICU data
    /// into libScalingLawsC.so. Pass strings by interpolation, not `%@`/`%s`.
    package init(cFormat format: String, _ arguments: CVarArg...) {
        let count = withVaList(arguments) { vsnprintf(nil, 0, format, $0) }
        guard count > 0 else {
            self = ""
            return
        }
        var buffer = [CChar](repeating: 0, count: Int(count) + 1)
        _ = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
        self = String(decoding: buffer.prefix(Int(count)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
