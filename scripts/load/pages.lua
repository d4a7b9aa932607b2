-- defspend serve under load: every page in turn. OUTLOOK (environment) says
-- what of the outlook: "none" (left out), "seeds" (one in ten, a new seed
-- each time, so that nothing is answered from a kept run) or "link" (one in
-- ten, always at its defaults: a link many open).
local paths = {
  "/shortfall?year=2024&target=3.5",
  "/shortfall.csv?year=2024&target=3.5",
  "/shortfall.svg?year=2024&target=3.5",
  "/compare",
  "/scenario?scenario=hague-2035",
  "/plans",
  "/fiscal?year=2030",
  "/ally?ally=Italy",
  "/",
}
local outlook = os.getenv("OUTLOOK") or "none"
if outlook ~= "none" then
  table.insert(paths, "OUTLOOK")
end
-- Each of wrk's threads draws seeds of its own.
local threads = 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
local i = 0
request = function()
  i = i + 1
  local p = paths[(i % #paths) + 1]
  if p == "OUTLOOK" then
    p = outlook == "seeds" and ("/outlook?seed=" .. ((id or 0) * 1000000 + i)) or "/outlook"
  end
  return wrk.format("GET", p)
end
