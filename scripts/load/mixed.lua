-- defspend serve under load: every page in turn, the outlook among them
-- (a new seed each time, so that nothing is answered from a cache).
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
  "OUTLOOK",
}
local i = 0
request = function()
  i = i + 1
  local p = paths[(i % #paths) + 1]
  if p == "OUTLOOK" then
    p = "/outlook?seed=" .. i
  end
  return wrk.format("GET", p)
end
