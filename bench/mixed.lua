-- wrk: request the paths of a file (one a line) in turn, each thread from its own place in the list.
-- wrk -s bench/mixed.lua URL -- PATHS_FILE THREADS
local threads_started = 0

function setup(thread)
   thread:set("index", threads_started)
   threads_started = threads_started + 1
end

function init(args)
   paths = {}
   for line in io.lines(args[1]) do
      paths[#paths + 1] = line
   end
   -- The threads start evenly spaced along the list, so that no two ask for the same path at once.
   position = math.floor(index * #paths / tonumber(args[2]))
end

function request()
   position = position % #paths + 1
   return wrk.format("GET", paths[position])
end
