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
   -- generator CPU on every request, taken from the cores it shares with the host. And
   -- formatted cheaply: wrk runs each thread's init in turn, and the first thread already sends
   -- while the next one's init runs, before wrk starts its clock; its requests count towards
   -- requests per second all the same. Reading the file whole and joining each request from
   -- plain string searches keeps that head start to a few hundredths of a second (wrk.format
   -- and a pattern per line took over a second per thread for a 10 s run's deliveries).
   local handle = assert(io.open(file, "rb"))
   local text = handle:read("*a")
   handle:close()
   local head = "POST " .. wrk.path .. " HTTP/1.1\r\nHost: " .. wrk.headers["Host"] ..
      "\r\nContent-Type: application/json\r\nX-GitHub-Event: issues\r\nX-GitHub-Delivery: "
   requests = {}
   local at, line_number = 1, 0
   while true do
      local line_end = string.find(text, "\n", at, true)
      if line_end == nil then break end
      if line_number >= first and (line_number - first) % threads == index then
         local tab1 = string.find(text, "\t", at, true)
         local tab2 = tab1 and string.find(text, "\t", tab1 + 1, true)
         if tab2 == nil or tab2 > line_end then error("line " .. line_number .. " of the requests file is not <id>\\t<signature>\\t<body>") end
         local body = string.sub(text, tab2 + 1, line_end - 1)
         requests[#requests + 1] = head .. string.sub(text, at, tab1 - 1) ..
            "\r\nX-Hub-Signature-256: " .. string.sub(text, tab1 + 1, tab2 - 1) ..
            "\r\nContent-Length: " .. #body .. "\r\n\r\n" .. body
      end
      at = line_end + 1
      line_number = line_number + 1
   end
   if #requests == 0 then error("the requests file has no line for thread " .. index) end
   position = 0
end

function request()
   position = position % #requests + 1
   return requests[position]
end

dofile("bench/wrk-summary.lua")
