-- wrk script for the Patchbay benchmarks: every request is a POST of one fixed JSON body.
--
--   wrk [options] -H 'Authorization: Bearer …' -s bench/post-json.lua URL -- '<json body>'
--
-- The body is the first argument after `--`. When the run ends, wrk-summary.lua prints one
-- machine-readable line after wrk's own report. Run from the repository's root.

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

-- Runs once per wrk thread, before wrk formats the request it then sends over and over.
function init(args)
   if args[1] == nil or args[1] == "" then
      error("post-json.lua needs the JSON body as the first argument after --")
   end
   wrk.body = args[1]
end

dofile("bench/wrk-summary.lua")
