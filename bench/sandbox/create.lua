-- wrk script: POST /v1.0/voice/routes with a bearer token, a distinct RouteName per request.
-- Usage: wrk -s create.lua URL -- TOKEN
local token
local counter = 0

function init(args)
   token = args[1]
   math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16))
end

function request()
   counter = counter + 1
   local body = string.format(
      '{"RouteName": "bench-%d-%d", "RouteType": "Trunk", "TrunkIp1": "20.87.87.87", "TrunkPort1": "5061", ' ..
      '"TrunkTransport1": "UDP", "TrunkEnabled1": true, "Trunk1Priortiy": 10, "RouteEnabled": true}',
      math.random(1, 1000000000), counter)
   return wrk.format("POST", "/v1.0/voice/routes", {
      ["Content-Type"] = "application/json",
      ["Authorization"] = "Bearer " .. token,
   }, body)
end
