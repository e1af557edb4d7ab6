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
         "names": [{"kind": "long", "name": "output"}], "valueName": "output", "allValues": ["table", "json", "csv"]}]},
      {"commandName": "show", "shouldDisplay": true, "arguments": [
        {"kind": "positional", "shouldDisplay": true, "isOptional": false, "isRepeating": false, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "crid"}], "valueName": "crid"}]},
      {"commandName": "update", "shouldDisplay": true, "arguments": [
        {"kind": "positional", "shouldDisplay": true, "isOptional": false, "isRepeating": false, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "crid"}], "valueName": "crid"},
        {"kind": "positional", "shouldDisplay": true, "isOptional": false, "isRepeating": true, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "assignments"}], "valueName": "assignments"}]},
      {"commandName": "delete", "shouldDisplay": true, "arguments": [
        {"kind": "positional", "shouldDisplay": true, "isOptional": false, "isRepeating": false, "parsingStrategy": "default",
         "names": [{"kind": "long", "name": "crid"}], "valueName": "crid"},
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

let routeIDs = ["CRID-1b2c", "CRID-1f00", "CRID-9a9a"]

/// An engine over the fixture tree, the Telegent catalog, three route ids and a fake file system.
func makeEngine(schema: RouteSchema = .telegent) throws -> CompletionEngine {
    var tree = try CommandTree(dumpHelpJSON: Data(dumpHelpJSON.utf8))
    tree.subcommands += Builtin.commandTree(settings: ShellSettings(tree: tree))
    return CompletionEngine(
        tree: tree, schema: { schema }, routeIDs: { routeIDs },
        paths: { typed in ["routes.csv", "routes.results.csv", "scripts/"].filter { $0.hasPrefix(typed) } })
}
