#include "CLineEdit.h"

#include <histedit.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct CLineEditor {
    EditLine *el;
    History *history;
    void *context;
    CLineEditCompleter complete;
    CLineEditHinter hint;
    char *prompt;
    char *hintText;
    int interrupted;
    /// Set once the line is accepted or abandoned: the hint is wiped before the cursor leaves the line.
    int finished;
};

static CLineEditor *editor_of(EditLine *el) {
    CLineEditor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    return editor;
}

static char *prompt(EditLine *el) {
    CLineEditor *editor = editor_of(el);
    return editor->prompt ? editor->prompt : "";
}

static char *copy_line(EditLine *el, int upToCursor) {
    const LineInfo *info = el_line(el);
    const char *end = upToCursor ? info->cursor : info->lastchar;
    return strndup(info->buffer, (size_t)(end - info->buffer));
}

static char *right_prompt(EditLine *el) {
    CLineEditor *editor = editor_of(el);
    free(editor->hintText);
    editor->hintText = NULL;
    if (editor->hint && !editor->finished) {
        char *line = copy_line(el, 0);
        editor->hintText = editor->hint(editor->context, line);
        free(line);
    }
    return editor->hintText ? editor->hintText : "";
}

static unsigned char complete(EditLine *el, int ch) {
    (void)ch;
    CLineEditor *editor = editor_of(el);
    char *prefix = copy_line(el, 1);
    CLineEditAction action = editor->complete(editor->context, prefix);
    free(prefix);
    if (action != CLineEditRedraw) return CC_REFRESH_BEEP;
    el_resize(el);
    return CC_REDISPLAY;
}

/// A space ends a word, which can change the hint; libedit's fast path for typed characters
/// would not redraw it. The full redraw, at the terminal's current size, also repairs the line
/// after a resize: libedit's own SIGWINCH handling reaches the editor only when the signal lands
/// on its thread, which a multithreaded program cannot promise.
static unsigned char insert_space(EditLine *el, int ch) {
    (void)ch;
    el_insertstr(el, " ");
    el_resize(el);
    return CC_REDISPLAY;
}

/// Enter: redraws the line without its hint, then lets a pushed newline, bound for this once to
/// libedit's own ed-newline, accept it; so hints never linger on lines already run.
static unsigned char accept(EditLine *el, int ch) {
    (void)ch;
    editor_of(el)->finished = 1;
    el_set(el, EL_BIND, "^J", "ed-newline", NULL);
    el_push(el, "\n");
    return CC_REFRESH;
}

/// Ctrl-C arrives as a character while editing (ISIG is off then): it abandons the line the
/// way shells do, shown with a trailing ^C, instead of ending the process.
static unsigned char interrupt(EditLine *el, int ch) {
    CLineEditor *editor = editor_of(el);
    editor->interrupted = 1;
    el_cursor(el, INT_MAX / 2);
    el_insertstr(el, "^C");
    return accept(el, ch);
}

CLineEditor *cle_create(const char *program, void *context, CLineEditCompleter completer, CLineEditHinter hinter) {
    setlocale(LC_CTYPE, "");
    CLineEditor *editor = calloc(1, sizeof *editor);
    if (!editor) return NULL;
    editor->el = el_init(program, stdin, stdout, stderr);
    editor->history = history_init();
    if (!editor->el || !editor->history) {
        cle_destroy(editor);
        return NULL;
    }
    editor->context = context;
    editor->complete = completer;
    editor->hint = hinter;

    HistEvent event;
    history(editor->history, &event, H_SETUNIQUE, 1);

    EditLine *el = editor->el;
    el_set(el, EL_CLIENTDATA, editor);
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_SIGNAL, 1);
    el_set(el, EL_SETTY, "-d", "-isig", NULL);
    el_set(el, EL_HIST, history, editor->history);
    el_set(el, EL_PROMPT_ESC, prompt, '\1');
    el_set(el, EL_RPROMPT_ESC, right_prompt, '\1');
    el_set(el, EL_ADDFN, "complete", "Complete the word at the cursor", complete);
    el_set(el, EL_BIND, "^I", "complete", NULL);
    el_set(el, EL_ADDFN, "insert-space", "Insert a space and redraw the hint", insert_space);
    el_set(el, EL_BIND, " ", "insert-space", NULL);
    el_set(el, EL_ADDFN, "interrupt", "Abandon the line", interrupt);
    el_set(el, EL_BIND, "^C", "interrupt", NULL);
    el_set(el, EL_ADDFN, "accept", "Accept the line", accept);
    el_set(el, EL_BIND, "^M", "accept", NULL);
    el_set(el, EL_BIND, "^J", "accept", NULL);
    el_source(el, NULL);
    return editor;
}

void cle_destroy(CLineEditor *editor) {
    if (!editor) return;
    if (editor->el) el_end(editor->el);
    if (editor->history) history_end(editor->history);
    free(editor->prompt);
    free(editor->hintText);
    free(editor);
}

void cle_set_prompt(CLineEditor *editor, const char *text) {
    free(editor->prompt);
    editor->prompt = strdup(text);
}

const char *cle_read_line(CLineEditor *editor, int *interrupted) {
    int count = 0;
    editor->interrupted = 0;
    editor->finished = 0;
    el_set(editor->el, EL_BIND, "^J", "accept", NULL);
    const char *line = el_gets(editor->el, &count);
    *interrupted = editor->interrupted;
    return count > 0 || editor->interrupted ? line : NULL;
}

int cle_insert(CLineEditor *editor, const char *text) {
    return el_insertstr(editor->el, text);
}

void cle_delete(CLineEditor *editor, int count) {
    if (count > 0) el_deletestr(editor->el, count);
}

void cle_history_set_size(CLineEditor *editor, int size) {
    HistEvent event;
    history(editor->history, &event, H_SETSIZE, size);
}

int cle_history_load(CLineEditor *editor, const char *path) {
    HistEvent event;
    return history(editor->history, &event, H_LOAD, path);
}

int cle_history_save(CLineEditor *editor, const char *path) {
    HistEvent event;
    return history(editor->history, &event, H_SAVE, path);
}

void cle_history_add(CLineEditor *editor, const char *line) {
    HistEvent event;
    history(editor->history, &event, H_ENTER, line);
}

void cle_history_visit(CLineEditor *editor, void *context, void (*visit)(void *context, const char *line)) {
    HistEvent event;
    for (int more = history(editor->history, &event, H_LAST); more >= 0;
         more = history(editor->history, &event, H_PREV)) {
        visit(context, event.str);
    }
}
