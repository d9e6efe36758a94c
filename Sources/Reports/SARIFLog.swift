// The part of the SARIF 2.1.0 object model maxlive writes, as `Codable` values
// (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html). Property names are the
// standard's; optional ones are left out when empty.

public struct SARIFLog: Codable, Sendable {
    public var schema = "https://json.schemastore.org/sarif-2.1.0.json"
    public var version = "2.1.0"
    public var runs: [Run]

    enum CodingKeys: String, CodingKey {
        case schema = "$schema", version, runs
    }

    public struct Run: Codable, Sendable {
        public var tool: Tool
        /// `SRCROOT`: the folder result locations are relative to (the package root).
        public var originalUriBaseIds: [String: ArtifactLocation]?
        public var results: [Result]
    }

    public struct Tool: Codable, Sendable {
        public var driver: Driver
    }

    public struct Driver: Codable, Sendable {
        public var name: String
        public var version: String
        public var semanticVersion: String
        public var rules: [Rule]
    }

    public struct Rule: Codable, Sendable {
        public var id: String
        /// An identifier-like name (`UnboundedLoop`), as code-scanning tools show it.
        public var name: String
        public var shortDescription: Message
        public var fullDescription: Message
        public var help: MultiformatMessage
        public var defaultConfiguration: Configuration

        public struct Configuration: Codable, Sendable {
            public var level: String
        }
    }

    public struct Result: Codable, Sendable {
        public var ruleId: String
        public var ruleIndex: Int
        public var level: String
        public var message: Message
        public var locations: [Location]
        public var relatedLocations: [Location]?
        /// Stable across runs for the same finding, so code scanning tracks it.
        public var partialFingerprints: [String: String]?
    }

    public struct Location: Codable, Sendable {
        public var id: Int?
        public var physicalLocation: PhysicalLocation
        public var message: Message?
    }

    public struct PhysicalLocation: Codable, Sendable {
        public var artifactLocation: ArtifactLocation
        public var region: Region?
    }

    public struct ArtifactLocation: Codable, Sendable {
        public var uri: String
        public var uriBaseId: String?
    }

    public struct Region: Codable, Sendable {
        public var startLine: Int
        public var startColumn: Int?
    }

    public struct Message: Codable, Sendable {
        public var text: String
    }

    public struct MultiformatMessage: Codable, Sendable {
        public var text: String
        public var markdown: String
    }
}
