import ScalingOutput
import ScalingTheory

/// User text (a flag value, a line of a file) made safe for a one-line
/// message: control characters and non-ASCII escaped, cut short.
extension Arguments {
    static func quoted(_ text: some StringProtocol, limit: Int = 60) -> String {
        NumericListFile.escaped(String(text), limit: limit)
    }
}

/// Any message made one line: control characters escaped, cut at 500
/// characters, so that file content or a path never breaks the promise of
/// one line on stderr.
func oneLine(_ message: String) -> String {
    Arguments.quoted(message, limit: 500)
}
