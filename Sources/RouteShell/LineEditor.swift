import CLineEdit
import Foundation

/// An interactive line editor on the terminal: emacs key bindings, UTF-8, history, Tab
/// completion, and dimmed after the cursor either the newest history line that starts with what
/// is typed (Right or Ctrl-F takes it) or a hint; Ctrl-R searches the history. The only type
/// that knows libedit.
/// It is used from one thread at a time: the one that calls `readLine`.
public final class LineEditor: @unchecked Sendable {
    /// What a line read ended with.
    public enum Input: Equatable, Sendable {
        case line(String)
        /// Ctrl-C: the line was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case end
    }

    public var prompt = "> " {
        didSet { cle_set_prompt(handle, prompt) }
    }
    /// Given the text left of the cursor, what Tab should do.
    public var complete: (String) -> Completion = { _ in .none }
    /// Given the whole line, what to show dimmed after it when history suggests nothing.
    public var hint: (String) -> String? = { _ in nil }
    /// Whether suggestions and hints are drawn (not without colours: dimmed text would look typed).
    public var showsDimmedText = true {
        didSet { cle_set_dimmed_text(handle, showsDimmedText ? 1 : 0) }
    }

    private var handle: OpaquePointer!
    /// Where the history is saved; setting it forgets the lines in memory and loads that file's.
    public var historyPath: String? {
        didSet {
            cle_history_clear(handle)
            if let historyPath { _ = cle_history_load(handle, historyPath) }
        }
    }
    /// The line at the last Tab that changed nothing: a second Tab there lists the candidates.
    private var pendingListing: String?

    /// Opens the editor and loads the history at `historyPath` (created with mode 0600 on first save).
    public init?(name: String, historyPath: String?, historySize: Int = 2_000) {
        self.historyPath = historyPath
        let context = Unmanaged.passUnretained(self).toOpaque()
        guard let handle = cle_create(name, context, Self.completeCallback, Self.hintCallback) else { return nil }
        self.handle = handle
        cle_history_set_size(handle, Int32(historySize))
        if let historyPath { _ = cle_history_load(handle, historyPath) }
    }

    deinit {
        cle_destroy(handle)
    }

    public func readLine() -> Input {
        pendingListing = nil
        var interrupted: Int32 = 0
        guard let line = cle_read_line(handle, &interrupted) else { return .end }
        if interrupted != 0 { return .interrupted }
        var text = String(cString: line)
        if text.hasSuffix("\n") { text.removeLast() }
        return .line(text)
    }

    /// Remembers `line` for Up and saves the history file, so a crash loses nothing.
    public func addToHistory(_ line: String) {
        cle_history_add(handle, line)
        guard let historyPath else { return }
        let directory = (historyPath as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: historyPath) {
            _ = FileManager.default.createFile(atPath: historyPath, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        _ = cle_history_save(handle, historyPath)
        chmod(historyPath, 0o600)
    }

    /// The remembered lines, oldest first.
    public var history: [String] {
        var lines: [String] = []
        withUnsafeMutablePointer(to: &lines) { pointer in
            cle_history_visit(handle, pointer) { context, line in
                guard let context, let line else { return }
                context.assumingMemoryBound(to: [String].self).pointee.append(String(cString: line))
            }
        }
        return lines
    }

    private func completeWord(before prefix: String) -> CLineEditAction {
        let completion = complete(prefix)
        let typed = String(String.UnicodeScalarView(prefix.unicodeScalars.suffix(completion.replacing)))
        if completion.replacement != typed {
            cle_delete(handle, Int32(completion.replacing))
            _ = cle_insert(handle, completion.replacement)
            let kept = String(String.UnicodeScalarView(prefix.unicodeScalars.dropLast(completion.replacing)))
            pendingListing = completion.alternatives.isEmpty ? nil : kept + completion.replacement
            return CLineEditRedraw
        }
        guard !completion.alternatives.isEmpty else { return CLineEditBeep }
        guard pendingListing == prefix else {
            pendingListing = prefix
            return CLineEditBeep
        }
        CandidateListing(completion.alternatives).present()
        return CLineEditRedraw
    }

    private static let completeCallback: CLineEditCompleter = { context, prefix in
        let editor = Unmanaged<LineEditor>.fromOpaque(context!).takeUnretainedValue()
        return editor.completeWord(before: String(cString: prefix!))
    }

    private static let hintCallback: CLineEditHinter = { context, line in
        let editor = Unmanaged<LineEditor>.fromOpaque(context!).takeUnretainedValue()
        return editor.hint(String(cString: line!)).flatMap { strdup($0) }
    }
}
