import FoundationEssentials
import Glibc

/// Why a file operation of FoundationEssentials failed, in one line: the C
/// library's text for the underlying errno ("No such file or directory",
/// "Is a directory"), else the error as it prints. (Foundation's
/// `localizedDescription` would link CoreFoundation and ICU into the C library.)
package func fileErrorReason(_ error: Error) -> String {
    if let cocoa = error as? CocoaError, let posix = cocoa.userInfo["NSUnderlyingError"] as? POSIXError {
        return String(cString: strerror(posix.code.rawValue))
    }
    if let posix = error as? POSIXError { return String(cString: strerror(posix.code.rawValue)) }
    return String(describing: error)
}
