-- defspend serve: the outlook at the most draws a page allows, a new seed
-- each time.
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", "/outlook?draws=100000&seed=" .. i)
end
