// A failure to do the job (the command line's exit status 1): a message already in
// `file:line:col: error:` form where there is a place to point at.

public struct PipelineError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ message: String) { description = message }
}
