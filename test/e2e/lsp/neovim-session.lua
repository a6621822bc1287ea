-- Headless Neovim end to end: start permset-language-server with Neovim's own LSP client on the
-- current buffer (a policy file with errors), wait for its diagnostics, ask for a hover and a
-- definition, fix one error by editing the buffer (didChange), and write everything Neovim
-- received as JSON to $PERMSET_OUT. Works on 0.7 (start_client + buf_attach_client) and 0.8+.
local server = assert(vim.env.PERMSET_SERVER, 'PERMSET_SERVER')
local out = assert(vim.env.PERMSET_OUT, 'PERMSET_OUT')
local timeout = tonumber(vim.env.PERMSET_TIMEOUT_MS or '15000')
local buf = vim.api.nvim_get_current_buf()
local cfg = {
  name = 'permset',
  cmd = { vim.env.PERMSET_NODE or 'node', server, '--stdio' },
  root_dir = vim.env.PERMSET_ROOT or vim.fn.getcwd(),
  init_options = { permset = { debounceMs = 20 } },
}
local client_id
if vim.lsp.start then
  client_id = vim.lsp.start(cfg, { bufnr = buf })
else
  client_id = vim.lsp.start_client(cfg)
  vim.lsp.buf_attach_client(buf, client_id)
end

local v = vim.version()
local result = { nvim = ('%d.%d.%d'):format(v.major, v.minor, v.patch), api = vim.lsp.start and 'start' or 'start_client' }

local function diagnostics()
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    table.insert(list, { lnum = d.lnum, col = d.col, code = d.code or lsp.code, message = d.message, source = d.source })
  end
  table.sort(list, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  return list
end

local function request(method, line, character)
  local params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = { line = line, character = character } }
  local responses = vim.lsp.buf_request_sync(buf, method, params, timeout) or {}
  for _, r in pairs(responses) do
    if r.result then return r.result end
  end
  return vim.NIL
end

result.received = vim.wait(timeout, function() return #vim.diagnostic.get(buf) >= 2 end, 20)
result.diagnostics = diagnostics()
-- `contacts.view` on line 7 (0-based 6), `base` after `extends: ` on line 4.
local hover = request('textDocument/hover', 6, 4)
result.hover = hover ~= vim.NIL and hover.contents and hover.contents.value or vim.NIL
result.definition = request('textDocument/definition', 3, 10)
-- Fix the scope error in the buffer: the server hears a didChange and drops that diagnostic.
vim.api.nvim_buf_set_lines(buf, 6, 7, false, { '  contacts.view: own' })
result.after_edit_received = vim.wait(timeout, function() return #vim.diagnostic.get(buf) == 1 end, 20)
result.after_edit = diagnostics()

vim.fn.writefile({ vim.fn.json_encode(result) }, out)
vim.lsp.stop_client(client_id)
vim.wait(3000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
vim.cmd('qall!')
