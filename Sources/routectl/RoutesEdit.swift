import ArgumentParser
import Foundation
import RouteClient
import RouteModel

struct RoutesEdit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a route in your editor ($VISUAL, else $EDITOR, else vi).",
        discussion: """
            The route opens as Field=Value lines, one per field, the empty ones commented out. \
            When the editor closes, routectl shows what changed and asks before sending only \
            those fields. An edit with errors reopens with them as comments (at most \(RouteEdit.attempts) \
            times); an edit that changes nothing, or that is emptied of every Field=Value line, \
            sends nothing.
            """
    )

    @OptionGroup var global: GlobalOptions

    @Argument(help: .route)
    var route: String

    func run() async throws {
        try await reportingFailures {
            let format = try OutputFormat.resolve(global)
            try await Connection.withService(global) { service in
                let found = try await RouteLookup(service).resolve(route)
                let id = found.id ?? route
                let edit = RouteEdit(found)
                guard let changes = try edit.changesFromEditor() else {
                    Terminal.printError("routectl: no changes; nothing sent")
                    return
                }
                // The conversation goes to stderr, as the question does; stdout has the result.
                Terminal.printError("Changes to \(id) \"\(found.key ?? "")\":")
                edit.diff(changes).forEach { Terminal.printError("  " + $0) }
                guard Terminal.confirm("Send these changes?") else {
                    Terminal.printError("routectl: nothing sent")
                    return
                }
                let updated = try await service.update(id: id, changes: changes)
                try RouteOutput(dialect: service.dialect, format: format).printRoute(updated)
            }
        }
    }
}

extension RouteEdit {
    /// How many invalid edits in a row are given back before giving up: a person fixes a
    /// mistake in a few rounds; an editor run by a script that never fixes it would loop forever.
    static let attempts = 10

    /// Opens the editor until the text it leaves is a valid edit; nil when nothing changed. A
    /// text emptied of every field, a text left as it was given back after errors, or too many
    /// invalid texts in a row give up.
    func changesFromEditor() throws -> Route? {
        if let refusal { throw CommandFailure(.usage, "cannot edit this route: " + refusal) }
        let file = try EditorFile()
        defer { file.remove() }
        var given = text()
        var invalid = 0
        while true {
            try file.write(given)
            try Editor.open(file.path)
            let edited = try file.read()
            if Self.isEmptied(edited) { throw CommandFailure(.usage, "the edit was emptied of every Field=Value line; nothing sent") }
            do {
                let update = try changes(in: edited)
                return update.entries.isEmpty ? nil : update
            } catch {
                invalid += 1
                let problems = "; nothing sent:\n  " + error.lines.joined(separator: "\n  ")
                guard edited != given else { throw CommandFailure(.usage, "edit abandoned" + problems) }
                guard invalid < Self.attempts else {
                    throw CommandFailure(.usage, "edit abandoned after \(invalid) invalid edits in a row" + problems)
                }
                given = text(problems: error.lines, edited: edited)
            }
        }
    }
}

/// The person's editor: `$VISUAL`, else `$EDITOR`, else `vi`, run by the shell as git runs it,
/// so that `EDITOR="code --wait"` works.
enum Editor {
    static func open(_ path: String) throws {
        let command = Environment.value("VISUAL") ?? Environment.value("EDITOR") ?? "vi"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " \"$1\"", command, path]
        do { try process.run() } catch {
            throw CommandFailure(.fatal, "cannot start the editor \"\(command)\": \(error.localizedDescription)")
        }
        process.waitUntilExit()
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            throw CommandFailure(.partialFailure, "the editor \"\(command)\" failed (status \(process.terminationStatus)); nothing sent")
        }
    }
}

/// A private temporary file (mode 0600: it may receive a secret) for the editor to change.
struct EditorFile {
    let path: String

    init() throws {
        var template = Array((FileManager.default.temporaryDirectory.path + "/routectl-edit-XXXXXX.conf").utf8CString)
        let descriptor = mkstemps(&template, 5)
        guard descriptor >= 0 else { throw CommandFailure(.fatal, "cannot create a file to edit: \(String(cString: strerror(errno)))") }
        close(descriptor)
        path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    func write(_ text: String) throws {
        do { try Data(text.utf8).write(to: URL(fileURLWithPath: path)) } catch {
            throw CommandFailure(.fatal, "cannot write \(path): \(error.localizedDescription)")
        }
    }

    func read() throws -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure(.fatal, "cannot read \(path) back from the editor: \(error.localizedDescription)")
        }
    }

    func remove() {
        unlink(path)
    }
}
