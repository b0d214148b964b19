import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareScript, runShell } from './script.js';

const V = 'a\'b"c $(touch /tmp/never) `x` \\ ${HOME} ; #\nnext';

test('each template value is a variable reference written for where it lands', () => {
  const p = prepareScript(`echo {{ v }} "{{ v }}" '{{ v }}' # {{ v }}\ncat <<EOF\n{{ v }}\nEOF\necho $(printf %s {{ v }})`, { v: V }, 'w');
  assert.equal(
    p.script,
    `echo "\${SKYQL_TEMPLATE_VALUE_1}" "\${SKYQL_TEMPLATE_VALUE_2}" ''"\${SKYQL_TEMPLATE_VALUE_3}"'' # \${SKYQL_TEMPLATE_VALUE_4}\ncat <<EOF\n\${SKYQL_TEMPLATE_VALUE_5}\nEOF\necho $(printf %s "\${SKYQL_TEMPLATE_VALUE_6}")`,
  );
  assert.deepEqual(Object.values(p.values), [V, V, V, V, V, V]);
});

test('the shell gets the value back exactly, in every position', async () => {
  const p = prepareScript(`printf '%s|' {{ v }} "{{ v }}" '{{ v }}' "x{{ v }}y"; printf '%s' "$(printf %s {{ v }})"`, { v: V }, 'w');
  const r = await runShell(p);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `${V}|${V}|${V}|x${V}y|${V}`);
});

test('whitespace control and loops: one variable per output', () => {
  const p = prepareScript(`{% for x in xs %}echo {{- x -}} ;{% endfor %}`, { xs: ['1', '2'] }, 'w');
  assert.equal(p.script, 'echo"${SKYQL_TEMPLATE_VALUE_1}";echo"${SKYQL_TEMPLATE_VALUE_2}";');
});

test('places a value cannot be passed safely are refused', () => {
  assert.throws(() => prepareScript("cat <<'EOF'\n{{ v }}\nEOF", { v: 'x' }, 'w'), /w, script line 2: a template value is inside a quoted here-document/);
  assert.throws(() => prepareScript('echo \\{{ v }}', { v: 'x' }, 'w'), /follows a backslash/);
  assert.throws(() => prepareScript('echo ${{ v }}', { v: 'x' }, 'w'), /follows a '\$'/);
  assert.throws(() => prepareScript('echo {{ v }}', { v: 'a\u0002b' }, 'w'), /control character/);
});
