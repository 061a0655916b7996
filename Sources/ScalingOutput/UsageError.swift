
/// A mistake in what the user asked for: unknown flag, missing or malformed
/// value, a file that cannot be written. Reported as one line on stderr with
/// exit status 2.
package struct UsageError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
