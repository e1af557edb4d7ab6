#pragma once

#include <stddef.h>

/// A line editor with its history: libedit's EditLine and History behind one opaque handle, so
/// that Swift never calls libedit's variadic `el_set` and `history` itself.
typedef struct CLineEditor CLineEditor;

/// What the editor should do after a completion callback changed (or did not change) the line.
typedef enum {
    /// Redraw the prompt and the line (below anything the callback printed).
    CLineEditRedraw = 0,
    /// Nothing to do: ring the bell.
    CLineEditBeep = 1,
} CLineEditAction;

/// Called on Tab with the text left of the cursor; edits the line with `cle_insert`/`cle_delete`.
typedef CLineEditAction (*CLineEditCompleter)(void *context, const char *prefix);
/// Called whenever the editor waits for a key with the cursor at the end of the line and no
/// suggestion from history to show; returns a malloc'ed hint (freed by the editor), plain text
/// that the editor dims and fits on the row, or NULL.
typedef char *(*CLineEditHinter)(void *context, const char *line);

/// Opens an emacs-style editor on the process's stdin/stdout/stderr. Besides libedit's keys:
/// the newest history line that starts with the typed text is shown dimmed after the cursor
/// (Right or Ctrl-F takes it), and Ctrl-R searches the history under a readable prompt.
CLineEditor *cle_create(const char *program, void *context, CLineEditCompleter complete, CLineEditHinter hint);
void cle_destroy(CLineEditor *editor);

/// Copies `prompt`; text between two '\1' is a terminal escape and takes no room.
void cle_set_prompt(CLineEditor *editor, const char *prompt);
/// Whether the dimmed suggestions and hints are drawn at all.
void cle_set_dimmed_text(CLineEditor *editor, int enabled);

/// The next line without its newline, valid until the next call; NULL at end of input.
/// `*interrupted` is set when Ctrl-C abandoned the line.
const char *cle_read_line(CLineEditor *editor, int *interrupted);

/// Inserts `text` at the cursor (only from a completion callback).
int cle_insert(CLineEditor *editor, const char *text);
/// Deletes `count` characters left of the cursor (only from a completion callback).
void cle_delete(CLineEditor *editor, int count);

void cle_history_set_size(CLineEditor *editor, int size);
/// Forgets every entry (before loading another history file).
void cle_history_clear(CLineEditor *editor);
int cle_history_load(CLineEditor *editor, const char *path);
int cle_history_save(CLineEditor *editor, const char *path);
void cle_history_add(CLineEditor *editor, const char *line);
/// Calls `visit` with each entry, oldest first.
void cle_history_visit(CLineEditor *editor, void *context, void (*visit)(void *context, const char *line));
