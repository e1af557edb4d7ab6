import RouteClient
import RouteModel

/// What a change to a route touches: every number whose calls it carries, since a route's update
/// or delete takes effect for all of them at once. Said on a terminal before asking, and when
/// the service refuses to delete a route that numbers still use.
struct BlastRadius {
    let route: Route
    let usage: RouteUsage

    /// The numbers using `route`, or `nil` (said on stderr) when they cannot be read: not knowing
    /// them is no reason to refuse what was asked.
    static func read(_ route: Route, _ service: any RouteService) async -> BlastRadius? {
        do {
            return BlastRadius(route: route, usage: try await service.usage(of: route.id ?? route.key ?? ""))
        } catch {
            Terminal.printError("routectl: could not read which numbers use the route: \(error)")
            return nil
        }
    }

    /// `2 numbers use route "Main" (CRID-…):` and the first few of them, one per line.
    var lines: [String] {
        let title = "route \"\(route.key ?? "")\" (\(usage.routeID))"
        guard usage.count > 0 else { return ["No number uses \(title)."] }
        var lines = ["\(OutputTable.count(usage.count, "number")) \(usage.count == 1 ? "uses" : "use") \(title):"]
        lines += usage.examples.map { "  \($0)" }
        if usage.count > usage.examples.count {
            lines.append("  … and \(usage.count - usage.examples.count) more (routectl numbers list --route \(usage.routeID))")
        }
        return lines
    }

    /// Why the service refused the delete, and how to move the numbers first; the numbers are
    /// read unless `known` already has them.
    static func refusal(_ error: ClientError, of route: Route, known: BlastRadius?, _ service: any RouteService) async -> String {
        let id = route.id ?? route.key ?? ""
        var lines = ["\(error)", "The service deletes no route that numbers still use."]
        var radius = known
        if radius == nil { radius = await read(route, service) }
        if let radius { lines += radius.lines }
        lines.append("""
            Move the numbers to another route first: one with `routectl numbers assign NUMBER ROUTE`, many with \
            `routectl numbers import FILE.csv` (`routectl numbers list --route \(id) --output csv` writes them to a file to edit).
            """)
        return lines.joined(separator: "\n")
    }
}
