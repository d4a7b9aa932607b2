-- defspend serve: every page but the outlook, in turn.
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
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
