// `--format json`: the report document of ReportDocument.swift, written with sorted keys.

public enum JSONReport {
    public static func render(_ input: ReportInput) -> String {
        ReportDocument(input).json()
    }
}
