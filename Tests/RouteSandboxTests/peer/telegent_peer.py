#!/usr/bin/env python3
"""A Telegent voice-route client written from the API notes alone (stdlib only).

Usage: telegent_peer.py BASE_URL ACCOUNT_KEY ACCOUNT_SECRET
Runs the documented flow -- token, create, get, list, update, delete -- and the documented
errors, and exits 0 when the service behaved as documented, 1 otherwise.
"""
import datetime
import json
import sys
import urllib.error
import urllib.request


class Peer:
    def __init__(self, base, key, secret):
        self.base, self.key, self.secret = base.rstrip("/"), key, secret
        self.failures = []

    def call(self, method, path, body=None, token=None):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base + path, data=data, method=method)
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/json")
        if token:
            request.add_header("Authorization", "Bearer " + token)
        try:
            with urllib.request.urlopen(request, timeout=60) as response:
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as error:
            text = error.read()
            return error.code, json.loads(text) if text else None

    def token(self, endpoint=None):
        body = {"AccountKey": self.key, "AccountSecret": self.secret}
        if endpoint:
            body["ApiEndpoint"] = endpoint
        status, answer = self.call("POST", "/oauth2/tokens", body)
        self.check(status == 200 and answer.get("successful") is True, "token", status, answer)
        expiry = datetime.datetime.strptime(answer["tokenExpiry"], "%m/%d/%Y %I:%M:%S %p")
        self.check(expiry > datetime.datetime.utcnow(), "tokenExpiry is in the future", answer["tokenExpiry"])
        return answer["token"]

    def check(self, condition, what, *details):
        if not condition:
            self.failures.append(what + ": " + " ".join(repr(d) for d in details))

    def run(self):
        token = self.token()
        route = {"RouteName": "Main SIP Trunk", "RouteType": "Trunk", "TrunkIp1": "20.87.87.87",
                 "TrunkPort1": "5061", "TrunkTransport1": "UDP", "VoicePasswordToken": "s3cret",
                 "IpWhitelist": [{"IpAddress": "20.20.10.10"}], "RouteEnabled": True}
        status, created = self.call("POST", "/voice/routes", route, token)
        self.check(status == 200, "create answers 200", status, created)
        crid = created.get("CallRouteId", "")
        self.check(crid.startswith("CRID-"), "create returns a CRID", created)
        self.check("s3cret" not in json.dumps(created), "the secret is not echoed")
        whitelist = created.get("IpWhiteList", created.get("IpWhitelist"))
        self.check(whitelist == [{"IpAddress": "20.20.10.10"}], "the whitelist comes back", created)

        status, shown = self.call("GET", "/voice/routes?CallRouteId=" + crid, token=token)
        self.check(status == 200 and shown.get("RouteName") == "Main SIP Trunk", "get", status, shown)
        status, shown = self.call("GET", "/voice/routes?CallRouteID=" + crid, token=token)
        self.check(status == 200, "get with CallRouteID", status)

        status, listed = self.call("GET", "/account/voice/routes", token=token)
        results = listed.get("Results", []) if isinstance(listed, dict) else []
        self.check(status == 200 and any(r.get("CallRouteId") == crid for r in results), "list", status, listed)
        self.check(all(r.get("CallRouteStatus") for r in results), "list carries CallRouteStatus")
        self.check(listed.get("TotalRoutes", len(results)) == len(results), "TotalRoutes counts Results")

        status, updated = self.call("POST", "/voice/routes/update", {"CallRouteId": crid, "TrunkPort1": "5080"}, token)
        self.check(status == 200 and updated.get("TrunkPort1") == "5080", "update", status, updated)
        self.check(updated.get("TrunkIp1") == "20.87.87.87", "update is partial", updated)

        status, problem = self.call("POST", "/voice/routes", {"RouteName": "x", "RouteType": "Bogus"}, token)
        self.check(status == 400 and "$.RouteType" in (problem or {}).get("Errors", {}), "400 names the field", status, problem)

        scoped = self.token(self.base + "/voice/routes")
        status, _ = self.call("GET", "/account/voice/routes", token=scoped)
        self.check(status == 401, "a token scoped to /voice/routes is refused elsewhere", status)
        status, problem = self.call("GET", "/account/voice/routes", token="not-a-token")
        self.check(status == 401 and (problem or {}).get("Title") == "Unauthorized", "401", status, problem)

        status, deleted = self.call("POST", "/voice/routes/delete", {"CallRouteId": crid}, token)
        self.check(status == 200 and deleted == {"CallRouteStatus": "Deleted", "CallRouteId": crid}, "delete", status, deleted)
        status, missing = self.call("GET", "/voice/routes?CallRouteId=" + crid, token=token)
        expected = "Voice route with ID '%s' was not found." % crid
        self.check(status == 404 and (missing or {}).get("Detail") == expected, "404 after delete", status, missing)
        return self.failures


def main():
    if len(sys.argv) != 4:
        print(__doc__, file=sys.stderr)
        return 64
    failures = Peer(*sys.argv[1:]).run()
    for failure in failures:
        print("FAIL", failure)
    print("ok" if not failures else "%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
