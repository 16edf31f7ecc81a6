-- The busiest calls of a working day, as wrk requests: providers listing their claims and registering learners,
-- IQAs and assessors opening their task lists, a claim's timeline. Each connection picks one at random per request.
-- Writes register a new learner with a unique ULN (thread id + counter), so every write is a real insert.
local b64 = function(s)
  local chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  return ((s:gsub('.', function(x)
    local r, byte = '', x:byte()
    for i = 8, 1, -1 do r = r .. (byte % 2 ^ i - byte % 2 ^ (i - 1) > 0 and '1' or '0') end
    return r
  end) .. '0000'):gsub('%d%d?%d?%d?%d?%d?', function(x)
    if #x < 6 then return '' end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == '1' and 2 ^ (6 - i) or 0) end
    return chars:sub(c + 1, c + 1)
  end) .. ({ '', '==', '=' })[#s % 3 + 1])
end

-- The demo users by default; load/run.sh DATA=large names the fixture's busiest users instead (PROVIDER, ASSESSOR, IQA),
-- and CLAIM_MAX, the highest claim id whose timeline is read.
local names = { provider = os.getenv('PROVIDER') or 'provider', iqa = os.getenv('IQA') or 'iqa',
  assessor = os.getenv('ASSESSOR') or 'assessor', qm = 'qm' }
local claimMax = tonumber(os.getenv('CLAIM_MAX') or '12')
local auth = {}
for role, user in pairs(names) do auth[role] = 'Basic ' .. b64(user .. ':demo') end

local counter = 0
local prefix

-- ULN = 9, thread number, seconds clock (so reruns on one database differ), counter: unique across threads and runs.
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set('tid', threads)
end

function init(args)
  prefix = string.format('9%d%03d', tid % 10, os.time() % 1000)
end

function request()
  -- ROLL fixes the request kind (load/cpu-per-request.sh measures one kind at a time).
  local roll = tonumber(os.getenv('ROLL') or '') or math.random(100)
  if roll <= 15 then
    counter = counter + 1
    local uln = string.format('%s%05d', prefix, counter)
    local body = '{"firstName":"Load","lastName":"Learner ' .. uln .. '","dateOfBirth":"1990-01-01","uln":"' .. uln ..
      '","qualification":"610/3751/5","assessor":"' .. names.assessor .. '"}'
    return wrk.format('POST', '/api/claims', { ['Authorization'] = auth.provider,
      ['Content-Type'] = 'application/json' }, body)
  elseif roll <= 45 then
    return wrk.format('GET', '/api/claims', { ['Authorization'] = auth.provider })
  elseif roll <= 65 then
    return wrk.format('GET', '/api/tasks', { ['Authorization'] = auth.iqa, ['Content-Type'] = 'application/json' })
  elseif roll <= 80 then
    return wrk.format('GET', '/api/tasks', { ['Authorization'] = auth.assessor, ['Content-Type'] = 'application/json' })
  else
    return wrk.format('GET', '/api/claims/' .. math.random(1, claimMax) .. '/timeline', { ['Authorization'] = auth.qm })
  end
end

local statuses = {}
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  io.write(string.format('requests %d in %.1f s: %.1f req/s; errors: %d non-2xx, %d socket (connect %d, read %d, write %d, timeout %d)\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
  io.write(string.format('latency ms: p50 %.1f, p90 %.1f, p99 %.1f, max %.1f\n', latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
