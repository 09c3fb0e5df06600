-- wrk script for bench/webhooks.sh: every request is a different GitHub webhook delivery,
-- signed ahead of time, so that the host verifies and stores each one (none is a duplicate).
--
--   wrk [options] -s bench/github-webhooks.lua URL -- <requests file> <thread count> <first line>
--
-- Each line of the requests file is `<delivery id>\t<X-Hub-Signature-256>\t<body>`. Lines
-- before <first line> were sent by an earlier run (the warm-up) and are skipped. Thread n of
-- t sends the lines after them numbered n, n+t, n+2t, ... and wraps around when it runs out (then the host sees
-- duplicates, which the caller checks for). wrk-summary.lua prints the machine-readable line.
-- Run from the repository's root.

local counter = 0

function setup(thread)
   thread:set("index", counter)
   counter = counter + 1
end

function init(args)
   local file, threads, first = args[1], tonumber(args[2]), tonumber(args[3])
   if file == nil or threads == nil or first == nil then
      error("github-webhooks.lua needs the requests file, the thread count and the first line after --")
   end
   -- Each request is formatted here, once: formatting it in request() would cost the load
   -- generator CPU on every request, taken from the cores it shares with the host.
   requests = {}
   local line_number = 0
   for line in io.lines(file) do
      if line_number >= first and (line_number - first) % threads == index then
         local delivery, signature, body = line:match("^([^\t]+)\t([^\t]+)\t(.*)$")
         requests[#requests + 1] = wrk.format("POST", nil, {
            ["Content-Type"] = "application/json",
            ["X-GitHub-Event"] = "issues",
            ["X-GitHub-Delivery"] = delivery,
            ["X-Hub-Signature-256"] = signature,
         }, body)
      end
      line_number = line_number + 1
   end
   position = 0
end

function request()
   position = position % #requests + 1
   return requests[position]
end

dofile("bench/wrk-summary.lua")
