-- A real LSP client for the Neovim test (test/lsp-nvim.test.ts), for Neovim 0.7+ headless:
-- start `kube-lifelint lsp --stdio`, attach it to the manifest being edited, wait for
-- diagnostics, apply the quick fix titled $KLL_FIX_TITLE, wait for the new diagnostics, write the
-- buffer and record what Neovim received in $KLL_OUT (JSON). Exits non-zero on any failure.
local out = os.getenv('KLL_OUT')
local function finish(result)
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
end

local ok, err = pcall(function()
  local bufnr = vim.api.nvim_get_current_buf()
  local cmd = vim.fn.json_decode(os.getenv('KLL_CMD'))
  local client_id = vim.lsp.start_client({
    name = 'kube-lifelint',
    cmd = cmd,
    root_dir = vim.fn.getcwd(),
    init_options = { debounceMs = 20 },
  })
  assert(client_id, 'the server did not start')
  vim.lsp.buf_attach_client(bufnr, client_id)

  local function diagnostics()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code
      table.insert(list, { lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col, code = code, severity = d.severity, message = d.message })
    end
    return list
  end
  assert(vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 20), 'no diagnostics arrived')
  local before = diagnostics()

  local title = os.getenv('KLL_FIX_TITLE')
  local line = tonumber(os.getenv('KLL_FIX_LINE'))
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = line, character = 0 }, ['end'] = { line = line, character = 0 } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(bufnr, line) },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', params, 20000)
  assert(responses, 'no code action response')
  local titles, chosen = {}, nil
  for _, r in pairs(responses) do
    for _, action in ipairs(r.result or {}) do
      table.insert(titles, action.title)
      if action.title == title then chosen = action end
    end
  end
  assert(chosen, 'no code action titled ' .. title .. '; got: ' .. table.concat(titles, ' | '))
  local tick = vim.api.nvim_buf_get_changedtick(bufnr)
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
  assert(vim.api.nvim_buf_get_changedtick(bufnr) ~= tick, 'the edit changed nothing')
  -- Wait until the diagnostics no longer contain the fixed finding.
  local fixed_code = chosen.diagnostics and chosen.diagnostics[1] and chosen.diagnostics[1].code
  assert(vim.wait(20000, function()
    for _, d in ipairs(diagnostics()) do
      if d.code == fixed_code then return false end
    end
    return true
  end, 20), 'the fixed finding is still reported')
  vim.cmd('write')
  finish({ before = before, after = diagnostics(), titles = titles })
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end)
if not ok then
  finish({ error = tostring(err) })
  vim.cmd('cquit 1')
else
  vim.cmd('qall!')
end
