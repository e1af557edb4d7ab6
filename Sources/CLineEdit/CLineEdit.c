#define _GNU_SOURCE
#include "CLineEdit.h"

#include <errno.h>
#include <histedit.h>
#include <limits.h>
#include <locale.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

struct CLineEditor {
    EditLine *el;
    History *history;
    void *context;
    CLineEditCompleter complete;
    CLineEditHinter hint;
    char *prompt;
    /// While Ctrl-R searches, the prompt shown instead of `prompt`.
    char *searchPrompt;
    int dimmedText;
    int interrupted;
    /// The terminal's width when the line was last drawn: another width means a resize to redraw.
    int columns;
    /// Columns of dimmed text drawn right of the cursor, behind libedit's back; erased as soon as
    /// a key arrives, before libedit draws anything, so that none of it is ever left behind.
    int tailWidth;
};

static CLineEditor *editor_of(EditLine *el) {
    CLineEditor *editor = NULL;
    el_get(el, EL_CLIENTDATA, &editor);
    return editor;
}

static const char *current_prompt(CLineEditor *editor) {
    if (editor->searchPrompt) return editor->searchPrompt;
    return editor->prompt ? editor->prompt : "";
}

static char *prompt(EditLine *el) {
    return (char *)current_prompt(editor_of(el));
}

static char *copy_line(EditLine *el, int upToCursor) {
    const LineInfo *info = el_line(el);
    const char *end = upToCursor ? info->cursor : info->lastchar;
    return strndup(info->buffer, (size_t)(end - info->buffer));
}

static int terminal_columns(void) {
    struct winsize size;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) != 0 || size.ws_col == 0) return 80;
    return size.ws_col;
}

static int char_width(wchar_t c) {
    int width = wcwidth(c);
    return width < 0 ? 0 : width;
}

/// Columns taken by `text`, escapes between two '\1' excepted.
static int text_width(const char *text) {
    mbstate_t state;
    memset(&state, 0, sizeof state);
    int width = 0, escaped = 0;
    while (*text) {
        if (*text == '\1') {
            escaped = !escaped;
            text++;
            continue;
        }
        wchar_t c;
        size_t length = mbrtowc(&c, text, MB_CUR_MAX, &state);
        if (length == (size_t)-1 || length == (size_t)-2 || length == 0) {
            memset(&state, 0, sizeof state);
            length = 1;
            c = L'?';
        }
        if (!escaped) width += char_width(c);
        text += length;
    }
    return width;
}

/// The row of the cursor below the prompt's first row, as drawn at `editor->columns`.
static int cursor_row(CLineEditor *editor) {
    const LineInfoW *info = el_wline(editor->el);
    int column = text_width(current_prompt(editor));
    for (const wchar_t *c = info->buffer; c < info->cursor; c++) column += char_width(*c);
    return editor->columns > 0 ? column / editor->columns : 0;
}

/// Redraws the prompt and the line from scratch at the terminal's current width. libedit's own
/// full redraw starts from where it believes the cursor is, which a resize makes wrong; so the
/// cursor is first taken to the first row, `row` rows up, and everything below is cleared.
static void redraw_from(CLineEditor *editor, int row) {
    fputs("\r", stdout);
    if (row > 0) fprintf(stdout, "\033[%dA", row);
    fputs("\033[J", stdout);
    fflush(stdout);
    el_resize(editor->el);
    el_set(editor->el, EL_REFRESH);
    editor->columns = terminal_columns();
}

/// The rest of the newest history line that starts with `line` and is longer, or NULL.
static const char *suggestion_for(CLineEditor *editor, const char *line) {
    size_t length = strlen(line);
    if (length == 0) return NULL;
    HistEvent event;
    for (int more = history(editor->history, &event, H_FIRST); more >= 0;
         more = history(editor->history, &event, H_NEXT)) {
        if (strncmp(event.str, line, length) == 0 && event.str[length] != '\0') return event.str + length;
    }
    return NULL;
}

static void erase_tail(CLineEditor *editor) {
    if (editor->tailWidth == 0) return;
    fputs("\033[K", stdout);
    fflush(stdout);
    editor->tailWidth = 0;
}

/// Draws, dimmed right of the cursor, the suggestion from history or else the hint, cut to what
/// fits on the cursor's row so that it never wraps; then puts the cursor back.
static void draw_tail(CLineEditor *editor) {
    const LineInfoW *info = el_wline(editor->el);
    if (!editor->dimmedText || editor->searchPrompt || info->cursor != info->lastchar || info->buffer == info->lastchar) return;
    char *line = copy_line(editor->el, 0);
    const char *suggestion = suggestion_for(editor, line);
    char *text = NULL;
    if (suggestion) {
        text = strdup(suggestion);
    } else if (editor->hint) {
        char *hint = editor->hint(editor->context, line);
        if (hint && asprintf(&text, "%s%s", line[strlen(line) - 1] == ' ' ? "" : " ", hint) < 0) text = NULL;
        free(hint);
    }
    free(line);
    if (!text) return;

    int column = text_width(current_prompt(editor));
    for (const wchar_t *c = info->buffer; c < info->lastchar; c++) column += char_width(*c);
    int room = editor->columns - column % editor->columns - 1;
    size_t count = mbstowcs(NULL, text, 0);
    if (room <= 0 || count == (size_t)-1) {
        free(text);
        return;
    }
    wchar_t *wide = calloc(count + 1, sizeof *wide);
    mbstowcs(wide, text, count + 1);
    free(text);
    int width = 0;
    size_t kept = 0;
    while (kept < count && width + char_width(wide[kept]) <= room) width += char_width(wide[kept++]);
    wide[kept] = L'\0';
    if (width > 0) {
        fprintf(stdout, "\033[2m%ls\033[0m\033[%dD", wide, width);
        fflush(stdout);
        editor->tailWidth = width;
    }
    free(wide);
}

static int input_pending(void) {
    struct pollfd descriptor = {.fd = STDIN_FILENO, .events = POLLIN};
    return poll(&descriptor, 1, 0) > 0;
}

/// libedit's read function, replaced so that every wait for a key is a moment when the line is
/// fully drawn: the dimmed text goes up then (unless more keys are already waiting, as in a
/// paste), and comes down the moment a key arrives; a resize seen while waiting is redrawn at once.
static int read_key(EditLine *el, wchar_t *key) {
    CLineEditor *editor = editor_of(el);
    mbstate_t state;
    memset(&state, 0, sizeof state);
    int started = 0;
    if (terminal_columns() != editor->columns) redraw_from(editor, cursor_row(editor));
    if (!input_pending()) draw_tail(editor);
    for (;;) {
        struct pollfd descriptor = {.fd = STDIN_FILENO, .events = POLLIN};
        int ready = poll(&descriptor, 1, 100);
        if (ready < 0 && errno != EINTR) {
            erase_tail(editor);
            *key = L'\0';
            return -1;
        }
        if (ready <= 0) {
            if (!started && terminal_columns() != editor->columns) {
                erase_tail(editor);
                redraw_from(editor, cursor_row(editor));
                draw_tail(editor);
            }
            continue;
        }
        char byte;
        ssize_t count = read(STDIN_FILENO, &byte, 1);
        if (count < 0 && errno == EINTR) continue;
        if (count <= 0) {
            erase_tail(editor);
            *key = L'\0';
            return count == 0 ? 0 : -1;
        }
        started = 1;
        wchar_t c;
        size_t length = mbrtowc(&c, &byte, 1, &state);
        if (length == (size_t)-2) continue;
        if (length == (size_t)-1) {  // not UTF-8 (or the locale's encoding): dropped, as libedit does
            memset(&state, 0, sizeof state);
            started = 0;
            continue;
        }
        erase_tail(editor);
        *key = c;
        return 1;
    }
}

static unsigned char complete(EditLine *el, int ch) {
    (void)ch;
    CLineEditor *editor = editor_of(el);
    char *prefix = copy_line(el, 1);
    CLineEditAction action = editor->complete(editor->context, prefix);
    free(prefix);
    return action == CLineEditRedraw ? CC_REDISPLAY : CC_REFRESH_BEEP;
}

/// Right and Ctrl-F: at the end of the line, takes the suggestion; elsewhere, one character right.
static unsigned char forward_or_accept_suggestion(EditLine *el, int ch) {
    (void)ch;
    CLineEditor *editor = editor_of(el);
    const LineInfo *info = el_line(el);
    if (info->cursor != info->lastchar) {
        el_cursor(el, 1);
        return CC_CURSOR;
    }
    char *line = copy_line(el, 0);
    const char *suggestion = editor->dimmedText ? suggestion_for(editor, line) : NULL;
    free(line);
    if (!suggestion) return CC_NORM;
    el_insertstr(el, suggestion);
    return CC_REFRESH;
}

/// Makes `text` the line, the cursor after its first `cursor` bytes.
static void replace_line(EditLine *el, const char *text, size_t cursor) {
    const LineInfoW *info = el_wline(el);
    el_cursor(el, (int)(info->lastchar - info->cursor));
    info = el_wline(el);
    el_deletestr(el, (int)(info->cursor - info->buffer));
    el_insertstr(el, text);
    char *head = strndup(text, cursor);
    size_t before = mbstowcs(NULL, head, 0);
    size_t all = mbstowcs(NULL, text, 0);
    free(head);
    if (before != (size_t)-1 && all != (size_t)-1) el_cursor(el, -(int)(all - before));
}

/// The first history line from the `from`th newest on that contains `query`; its index in `*index`.
static const char *search_history(CLineEditor *editor, const char *query, int from, int *index) {
    HistEvent event;
    int position = 0;
    for (int more = history(editor->history, &event, H_FIRST); more >= 0;
         more = history(editor->history, &event, H_NEXT), position++) {
        if (position >= from && strstr(event.str, query)) {
            *index = position;
            return event.str;
        }
    }
    return NULL;
}

static void set_search_prompt(CLineEditor *editor, const char *query, int failed) {
    free(editor->searchPrompt);
    if (asprintf(&editor->searchPrompt, "(%sreverse-i-search)`%s': ", failed ? "failed " : "", query) < 0) {
        editor->searchPrompt = strdup("(reverse-i-search): ");
    }
}

/// Ctrl-R, as in bash: searches the history backwards as you type, under a prompt that says so.
/// Ctrl-R again finds an older match, Backspace shortens the search, Enter runs the match, Ctrl-G
/// gives back the line as it was, and any other key keeps the match and edits it.
static unsigned char reverse_search(EditLine *el, int ch) {
    (void)ch;
    CLineEditor *editor = editor_of(el);
    char *original = copy_line(el, 0);
    char *shown = strdup(original);
    char query[512] = "";
    int index = 0, failed = 0;
    wchar_t key = 0;
    for (;;) {
        int row = cursor_row(editor);
        set_search_prompt(editor, query, failed);
        const char *found = strstr(shown, query);
        replace_line(el, shown, *query && found ? (size_t)(found - shown) : strlen(shown));
        redraw_from(editor, row);

        if (el_wgetc(el, &key) <= 0) key = L'\a';
        size_t length = strlen(query);
        int from = index;
        if (key == 0x12) {  // Ctrl-R: an older match
            if (!*query) continue;
            from = index + 1;
        } else if (key == 0x7f || key == 0x08) {  // Backspace: a shorter search, from the newest line
            while (length > 0 && (query[--length] & 0xC0) == 0x80) {}
            query[length] = '\0';
            from = 0;
        } else if (key >= 0x20) {
            char bytes[MB_LEN_MAX];
            mbstate_t state;
            memset(&state, 0, sizeof state);
            size_t count = wcrtomb(bytes, key, &state);
            if (count == (size_t)-1 || length + count >= sizeof query) continue;
            memcpy(query + length, bytes, count);
            query[length + count] = '\0';
        } else {
            break;
        }
        int at = index;
        const char *match = *query ? search_history(editor, query, from, &at) : NULL;
        failed = *query && !match;
        if (match) {
            index = at;
            free(shown);
            shown = strdup(match);
        } else if (!*query) {
            index = 0;
            free(shown);
            shown = strdup(original);
        }
    }
    free(editor->searchPrompt);
    editor->searchPrompt = NULL;
    int cancelled = key == L'\a' || key == 0x03;
    replace_line(el, cancelled ? original : shown, strlen(cancelled ? original : shown));
    free(original);
    free(shown);
    if (key != L'\a') {  // Enter runs the line, Ctrl-C abandons it, an arrow moves in it…
        wchar_t again[2] = {key, L'\0'};
        el_wpush(el, again);
    }
    return CC_REDISPLAY;
}

/// Ctrl-C arrives as a character while editing (ISIG is off then): it abandons the line the
/// way shells do, shown with a trailing ^C, instead of ending the process.
static unsigned char interrupt(EditLine *el, int ch) {
    (void)ch;
    CLineEditor *editor = editor_of(el);
    editor->interrupted = 1;
    const LineInfo *info = el_line(el);
    el_cursor(el, (int)(info->lastchar - info->cursor));
    el_insertstr(el, "^C");
    el_push(el, "\n");
    return CC_REFRESH;
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
    editor->dimmedText = 1;
    editor->columns = terminal_columns();

    HistEvent event;
    history(editor->history, &event, H_SETUNIQUE, 1);

    EditLine *el = editor->el;
    el_set(el, EL_CLIENTDATA, editor);
    el_set(el, EL_EDITOR, "emacs");
    el_set(el, EL_SIGNAL, 1);
    el_set(el, EL_SETTY, "-d", "-isig", NULL);
    el_set(el, EL_HIST, history, editor->history);
    el_set(el, EL_PROMPT_ESC, prompt, '\1');
    el_set(el, EL_GETCFN, read_key);
    el_set(el, EL_ADDFN, "complete", "Complete the word at the cursor", complete);
    el_set(el, EL_BIND, "^I", "complete", NULL);
    el_set(el, EL_ADDFN, "forward-or-suggestion", "Take the suggestion at the end of the line, else move right",
           forward_or_accept_suggestion);
    el_set(el, EL_BIND, "^F", "forward-or-suggestion", NULL);
    el_set(el, EL_BIND, "\033[C", "forward-or-suggestion", NULL);
    el_set(el, EL_BIND, "\033OC", "forward-or-suggestion", NULL);
    el_set(el, EL_ADDFN, "reverse-search", "Search the history backwards as you type", reverse_search);
    el_set(el, EL_BIND, "^R", "reverse-search", NULL);
    el_set(el, EL_ADDFN, "interrupt", "Abandon the line", interrupt);
    el_set(el, EL_BIND, "^C", "interrupt", NULL);
    el_source(el, NULL);
    return editor;
}

void cle_destroy(CLineEditor *editor) {
    if (!editor) return;
    if (editor->el) el_end(editor->el);
    if (editor->history) history_end(editor->history);
    free(editor->prompt);
    free(editor->searchPrompt);
    free(editor);
}

void cle_set_prompt(CLineEditor *editor, const char *text) {
    free(editor->prompt);
    editor->prompt = strdup(text);
}

void cle_set_dimmed_text(CLineEditor *editor, int enabled) {
    editor->dimmedText = enabled;
}

const char *cle_read_line(CLineEditor *editor, int *interrupted) {
    int count = 0;
    editor->interrupted = 0;
    el_resize(editor->el);  // the terminal may have changed size while a command ran
    editor->columns = terminal_columns();
    // Raw mode before the prompt, not at the first key as libedit would: keys typed as soon as
    // the prompt shows are then not echoed by the terminal as well as drawn by the editor.
    el_set(editor->el, EL_PREP_TERM, 1);
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

void cle_history_clear(CLineEditor *editor) {
    HistEvent event;
    history(editor->history, &event, H_CLEAR);
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
