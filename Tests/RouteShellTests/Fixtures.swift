import Foundation
import RouteModel
@testable import RouteShell

/// A slice of routectl's command tree in the argument parser's `--experimental-dump-help` format.
let dumpHelpJSON = #"""
{"serializationVersion": 0, "command": {
  "commandName": "routectl", "shouldDisplay": true,
  "arguments": [{"kind": "flag", "shouldDisplay": true, "isOptional": true, "isRepeating": false,
                 "parsingStrategy": "default", "names": [{"kind": "long", "name": "help"}, {"kind": "short", "name": "h"}]}],
  "subcommands": [
    {"commandName": "routes", "shouldDisplay": true, "subcommands": [
      {"commandName": "create", "shouldDisplay": true, "arguments": [
        {"kind": "positional", "shouldDisplay": true, "isOptional": false, "isRepeating": true, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "assignments"}], "valueName": "assignments"},
        {"kind": "option", "shouldDisplay": true, "isOptional": true, "isRepeating": false, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "output"}], "valueName": "output", "allValues": ["table", "json", "csv"]}]},
      {"commandName": "list", "shouldDisplay": true, "arguments": [
        {"kind": "option", "shouldDisplay": true, "isOptional": true, "isRepeating": false, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "output"}], "valueName": "output", "allValues": ["table", "json", "csv"]},
        {"kind": "option", "shouldDisplay": true, "isOptional": true, "isRepeating": false, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "sort"}], "valueName": "field"},
        {"kind": "option", "shouldDisplay": true, "isOptional": true, "isRepeating": true, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "where"}], "valueName": "field=value"},
        {"kind": "option", "shouldDisplay": true, "isOptional": true, "isRepeating": false, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "columns"}], "valueName": "fields"}]},
      {"commandName": "show", "shouldDisplay": true, "arguments": [
        {"kind": "positional", "shouldDisplay": true, "isOptional": false, "isRepeating": false, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "route"}], "valueName": "route"}]},
      {"commandName": "update", "shouldDisplay": true, "arguments": [
        {"kind": "positional", "shouldDisplay": true, "isOptional": false, "isRepeating": false, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "route"}], "valueName": "route"},
        {"kind": "positional", "shouldDisplay": true, "isOptional": false, "isRepeating": true, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "assignments"}], "valueName": "assignments"}]},
      {"commandName": "edit", "shouldDisplay": true, "arguments": [
        {"kind": "positional", "shouldDisplay": true, "isOptional": false, "isRepeating": false, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "route"}], "valueName": "route"}]},
      {"commandName": "delete", "shouldDisplay": true, "arguments": [
        {"kind": "positional", "shouldDisplay": true, "isOptional": false, "isRepeating": false, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "route"}], "valueName": "route"},
        {"kind": "flag", "shouldDisplay": true, "isOptional": true, "isRepeating": false, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "yes"}]}]}]},
    {"commandName": "import", "shouldDisplay": true, "arguments": [
      {"kind": "positional", "shouldDisplay": true, "isOptional": false, "isRepeating": false, "parsingStrategy": "default",
       "names": [{"kind": "long", "name": "input"}], "valueName": "input", "completionKind": {"file": {"extensions": ["csv"]}}},
      {"kind": "option", "shouldDisplay": true, "isOptional": true, "isRepeating": false, "parsingStrategy": "default",
       "names": [{"kind": "long", "name": "concurrency"}], "valueName": "concurrency"},
      {"kind": "option", "shouldDisplay": true, "isOptional": true, "isRepeating": false, "parsingStrategy": "default",
       "names": [{"kind": "long", "name": "on-existing"}], "valueName": "on-existing", "allValues": ["skip", "update", "create"]},
      {"kind": "flag", "shouldDisplay": true, "isOptional": true, "isRepeating": false, "parsingStrategy": "default",
       "names": [{"kind": "long", "name": "dry-run"}]}]},
    {"commandName": "sandbox", "shouldDisplay": true, "subcommands": [{"commandName": "serve", "shouldDisplay": true}]},
    {"commandName": "secret-debug", "shouldDisplay": false},
    {"commandName": "help", "shouldDisplay": true, "arguments": [
      {"kind": "positional", "shouldDisplay": true, "isOptional": true, "isRepeating": true, "parsingStrategy": "default",
       "names": [{"kind": "long", "name": "subcommands"}], "valueName": "subcommands"}]}]}}
"""#

let routes = [
    RouteSummary(id: "CRID-1b2c", name: "Toronto SIP trunk", type: "Trunk"),
    RouteSummary(id: "CRID-1f00", name: "Toronto backup", type: "URL"),
    RouteSummary(id: "CRID-9a9a", name: "Montreal", type: "Trunk"),
    RouteSummary(id: "CRID-7e7e", name: "Montreal", type: "Forward"),
]

/// An engine over the fixture tree, the Telegent catalog, four routes (two of the same name) and a fake file system.
func makeEngine(schema: RouteSchema = .telegent) throws -> CompletionEngine {
    var tree = try CommandTree(dumpHelpJSON: Data(dumpHelpJSON.utf8))
    tree.subcommands += Builtin.commandTree(settings: ShellSettings(tree: tree))
    return CompletionEngine(
        tree: tree, schema: { schema }, routes: { routes },
        paths: { typed in ["routes.csv", "routes.results.csv", "scripts/"].filter { $0.hasPrefix(typed) } })
}
