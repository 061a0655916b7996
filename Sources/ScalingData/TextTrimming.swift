extension StringProtocol {
    /// The text without leading and trailing white space (spaces, tabs, CR,
    /// LF and the other Unicode white space characters), as Foundation's
    /// `trimmingCharacters(in: .whitespacesAndNewlines)`, which this module
    /// does not import (Foundation would link ICU into libScalingLawsC.so).
    func trimmingWhitespace() -> String {
        guard let first = firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = lastIndex(where: { !$0.isWhitespace })!
        return String(self[first...last])
    }
}
