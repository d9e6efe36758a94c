// `maxlive explain NAME --svg FILE`: the worst-case path drawn as an icicle chart.
// Each row is a frame, outermost at the top; a row's width is what that frame and
// everything below it keep live at the peak, so the widest bars are where the bytes are.
// Below it, the allocations live at that moment as a waterfall that adds up to the bound,
// or, for an unbounded entry, the reasons.

import Analysis

public enum IcicleChart {
    public static func render(_ e: EntryResult, _ input: ReportInput) -> String {
        let frames = e.path
        let width = 960.0, rowHeight = 26.0, margin = 10.0, top = 44.0
        // Bytes kept live by each frame and everything below it.
        var below = Array(repeating: 0, count: frames.count + 1)
        for i in stride(from: frames.count - 1, through: 0, by: -1) { below[i] = below[i + 1] + frames[i].bytes }
        let total = max(below.first ?? 0, 1)
        let height = top + Double(frames.count) * rowHeight + margin * 2 + 20
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width + 2 * margin))" height="\(Int(height))" font-family="monospace" font-size="12">
        <rect width="100%" height="100%" fill="#ffffff"/>
        <text x="\(margin)" y="22" font-size="15" font-weight="bold">\(escape(e.name)): \(e.bound.map { "\($0) B" } ?? "UNBOUNDED") (\(e.kind.rawValue))</text>
        <text x="\(margin)" y="38" fill="#555">worst-case path; bar width = bytes the frame and its callees keep live at the peak</text>

        """
        for (i, f) in frames.enumerated() {
            let w = max(2, (width * Double(below[i]) / Double(total)).rounded())
            let y = top + Double(i) * rowHeight
            let hue = 20 + (i * 37) % 40
            let location = input.relative(f.file).map { " \($0):\(f.line ?? 0)" } ?? ""
            let label = "\(f.function)  \(f.bytes) B (\(below[i]) B with callees)\(location)"
            svg += """
            <g><title>\(escape(label))</title>
            <rect x="\(margin)" y="\(y)" width="\(w)" height="\(rowHeight - 2)" rx="2" fill="hsl(\(hue), 85%, \(70 - min(i, 5) * 3)%)" stroke="#b35900" stroke-width="0.5"/>
            <text x="\(margin + 4)" y="\(y + 16)">\(escape(label))</text></g>

            """
        }
        if frames.isEmpty {
            svg += "<text x=\"\(margin)\" y=\"\(top + 16)\">no path: the entry keeps nothing live</text>\n"
        }
        var y = top + Double(max(frames.count, 1)) * rowHeight + 16
        if !e.liveAllocations.isEmpty {
            svg += allocationRows(e, input, y: &y, width: width, margin: margin, rowHeight: rowHeight)
        }
        if e.bound == nil {
            svg += reasonRows(e, input, y: &y, margin: margin)
        }
        svg = svg.replacingOccurrences(of: "height=\"\(Int(height))\"", with: "height=\"\(Int(max(height, y + margin)))\"")
        svg += "</svg>\n"
        return svg
    }

    /// The allocations live at the peak as a waterfall: each bar starts where the one above
    /// ends, so the last one ends at the full width, the bound.
    private static func allocationRows(_ e: EntryResult, _ input: ReportInput, y: inout Double,
                                       width: Double, margin: Double, rowHeight: Double) -> String {
        let total = Double(max(e.liveAllocations.reduce(0) { $0 + $1.bytes }, 1))
        var svg = "<text x=\"\(margin)\" y=\"\(y)\" font-weight=\"bold\">live at the worst moment: each bar starts where the one above ends; together they are the bound</text>\n"
        y += 8
        var x = 0.0
        for (i, item) in e.liveAllocations.enumerated() {
            let w = max(2, (width * Double(item.bytes) / total).rounded())
            let a = item.allocation
            let place = input.relative(a.file).map { "  \($0):\(a.line ?? 0)" } ?? ""
            let label = "\(item.bytes) B  \(item.count > 1 ? "\(item.count) × " : "")\(a.what)\(place)  in \(a.function)"
            let calls = a.calls.reversed().map { " ← \($0.caller)" }.joined()
            let textX = x + w + 4 + 300 > width ? margin + 4 : margin + x + w + 4
            svg += """
            <g><title>\(escape(label + calls))</title>
            <rect x="\(margin + x)" y="\(y)" width="\(w)" height="\(rowHeight - 4)" rx="2" fill="hsl(\(200 + (i * 29) % 60), 70%, 70%)" stroke="#1f5f8b" stroke-width="0.5"/>
            <text x="\(textX)" y="\(y + 15)">\(escape(label))</text></g>

            """
            x += width * Double(item.bytes) / total
            y += rowHeight
        }
        y += 12
        return svg
    }

    /// Why an unbounded entry has no bound, one line per reason (the whole text on hover).
    private static func reasonRows(_ e: EntryResult, _ input: ReportInput, y: inout Double, margin: Double) -> String {
        var svg = "<text x=\"\(margin)\" y=\"\(y)\" font-weight=\"bold\" fill=\"#a00000\">UNBOUNDED because:</text>\n"
        y += 18
        for r in e.reasons {
            let text = "\(TableReport.location(r, input)): \(r.message)"
            let shown = text.count > 150 ? String(text.prefix(149)) + "…" : text
            svg += "<g><title>\(escape(text))</title><text x=\"\(margin)\" y=\"\(y)\" fill=\"#a00000\">\(escape(shown))</text></g>\n"
            y += 18
        }
        return svg
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Substring(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
