-- wrk script for bench/concurrent-calls.sh: post-json.lua, and how many answers arrived in each
-- wall-clock second, printed after the summary as one more machine-readable line:
--
--   BENCH_SECONDS <unix second>:<answers> <unix second>:<answers> ...
--
-- With every connection starting at once and an upstream that answers after whole seconds,
-- the calls finish in rounds: a run's own count (calls finished / its length) loses the round
-- that ends just past its end. The caller takes the rate over whole rounds from these counts
-- instead. Defining response() makes wrk hand each answer to Lua, which costs it some CPU per
-- answer; at the rates of a slow upstream that is small.

dofile("bench/post-json.lua")

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

-- Per thread (each has its own Lua state); read back by done() through thread:get.
answers = {}

function response(status, headers, body)
   local second = os.time()
   answers[second] = (answers[second] or 0) + 1
end

local summary = done

function done(summary_table, latency, requests)
   summary(summary_table, latency, requests)
   local merged, seconds = {}, {}
   for _, thread in ipairs(threads) do
      for second, count in pairs(thread:get("answers")) do
         if merged[second] == nil then table.insert(seconds, second) end
         merged[second] = (merged[second] or 0) + count
      end
   end
   table.sort(seconds)
   local parts = {}
   for _, second in ipairs(seconds) do
      table.insert(parts, string.format("%d:%d", second, merged[second]))
   end
   io.write("BENCH_SECONDS " .. table.concat(parts, " ") .. "\n")
end
