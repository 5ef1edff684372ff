import { describe, it, expect } from 'vitest';
import { analyzeExec, type DurationBounds } from '../src/analysis/shell/index.js';

interface Row {
  name: string;
  cmd: string[];
  env?: Record<string, string | undefined>;
  /** the container has envFrom: names not in env may be set */
  envFrom?: boolean;
  min: number;
  max: number | null;
  unbounded?: boolean;
  unknown?: boolean;
  /** evidence texts, in order (empty when omitted) */
  ev?: string[];
}

const sh = (script: string, ...rest: string[]): string[] => ['sh', '-c', script, ...rest];
const bash = (script: string): string[] => ['/bin/bash', '-c', script];
const INF = Infinity;

const rows: Row[] = [
  // --- service-mesh proxies ---------------------------------------------------------------
  { name: 'istio drain request', cmd: ['pilot-agent', 'request', '--debug-port=15020', 'POST', 'drain'], min: 0, max: null },
  { name: 'istio quitquitquit', cmd: ['/usr/local/bin/pilot-agent', 'request', 'POST', 'quitquitquit'], min: 0, max: null },
  { name: 'istio wait', cmd: ['pilot-agent', 'wait', '--url=http://localhost:15020/healthz/ready'], min: 0, max: null },
  { name: 'istio sleep then quit', cmd: sh('sleep 5 && /usr/local/bin/pilot-agent request POST quitquitquit'), min: 5, max: null, ev: ['sleep 5'] },
  {
    name: 'istio connection drain loop',
    cmd: bash('while [ $(netstat -plunt | grep tcp | grep -v envoy | wc -l | xargs) -ne 0 ]; do sleep 1; done'),
    min: 0,
    max: null,
    unknown: true,
  },
  { name: 'envoy drain then sleep', cmd: sh('curl -X POST localhost:15000/drain_listeners?graceful; sleep 5'), min: 5, max: null, ev: ['sleep 5'] },
  {
    name: 'envoy drain, sleep from env',
    cmd: ['/bin/sh', '-c', 'curl -X POST http://localhost:9901/drain_listeners?graceful; sleep $DRAIN_TIME_SECONDS'],
    env: { DRAIN_TIME_SECONDS: '15' },
    min: 15,
    max: null,
    ev: ['sleep $DRAIN_TIME_SECONDS'],
  },
  {
    name: 'envoy drain, sleep from unknown env',
    cmd: ['/bin/sh', '-c', 'curl -X POST http://localhost:9901/drain_listeners?graceful; sleep $DRAIN_TIME_SECONDS'],
    min: 0,
    max: null,
    unknown: true,
  },
  { name: 'linkerd-await', cmd: ['/usr/lib/linkerd/linkerd-await', '--timeout=2m', '--port=4191'], min: 0, max: null },
  { name: 'linkerd-await wrapping a sleep', cmd: ['linkerd-await', '--shutdown', '--', 'sleep', '10'], min: 0, max: null },
  { name: 'contour envoy shutdown', cmd: ['/bin/contour', 'envoy', 'shutdown'], min: 0, max: null },
  { name: 'sleep then kill pid 1', cmd: ['/bin/sh', '-c', 'sleep 30 ; kill -SIGTERM 1'], min: 30, max: null, ev: ['sleep 30'] },

  // --- nginx --------------------------------------------------------------------------------
  { name: 'nginx quit', cmd: ['/usr/sbin/nginx', '-s', 'quit'], min: 0, max: null },
  { name: 'nginx quit + killall wait loop', cmd: sh('nginx -s quit; while killall -0 nginx; do sleep 1; done'), min: 0, max: null, unknown: true },
  { name: 'nginx quit + pgrep wait loop', cmd: sh('nginx -s quit; while pgrep -x nginx; do sleep 1; done'), min: 0, max: null, unknown: true },
  { name: 'sleep before nginx quit', cmd: ['/bin/sh', '-c', 'sleep 5 && /usr/sbin/nginx -s quit'], min: 5, max: null, ev: ['sleep 5'] },
  { name: 'sleep, quit, sleep', cmd: sh('sleep 10; nginx -s quit; sleep 5'), min: 15, max: null, ev: ['sleep 10', 'sleep 5'] },
  { name: 'ingress-nginx wait-shutdown', cmd: ['/wait-shutdown'], min: 0, max: null },

  // --- databases ----------------------------------------------------------------------------
  { name: 'pg_ctl stop', cmd: ['pg_ctl', '-D', '/var/lib/postgresql/data', 'stop', '-m', 'fast'], min: 0, max: null },
  // the outer shell expands $PGDATA inside the quotes: the inner script is not known
  { name: 'su postgres pg_ctl', cmd: ['/bin/sh', '-c', 'su - postgres -c "pg_ctl -D $PGDATA stop -m fast"'], min: 0, max: null, unknown: true },
  { name: "su postgres pg_ctl in ''", cmd: ['/bin/sh', '-c', "su - postgres -c 'pg_ctl -D $PGDATA stop -m fast'"], min: 0, max: null },
  { name: 'gosu pg_ctl', cmd: ['gosu', 'postgres', 'pg_ctl', 'stop', '-m', 'smart', '-t', '60'], min: 0, max: null },
  { name: 'psql checkpoint && pg_ctl', cmd: bash('psql -c "CHECKPOINT" && pg_ctl stop -m fast -w -t 30'), min: 0, max: null },
  { name: 'su -c with a sleep', cmd: sh('su postgres -c "sleep 4; pg_ctl stop"'), min: 4, max: null, ev: ['sleep 4'] },
  { name: 'kafka stop then sleep', cmd: ['/bin/sh', '-c', '/opt/kafka/bin/kafka-server-stop.sh; sleep 30'], min: 30, max: null, ev: ['sleep 30'] },
  { name: 'redis shutdown', cmd: sh('redis-cli shutdown save'), min: 0, max: null },
  { name: 'argo redis sentinel reset', cmd: ['/bin/sh', '-c', 'sleep 30; redis-cli -p 26379 sentinel reset argocd'], min: 30, max: null, ev: ['sleep 30'] },
  { name: 'argo rollouts sleep', cmd: ['sleep', '30'], min: 30, max: 30, ev: ['sleep 30'] },
  { name: 'cassandra drain', cmd: ['/bin/sh', '-c', 'nodetool drain'], min: 0, max: null },
  { name: 'redis failover script', cmd: ['/bin/sh', '/readonly-config/trigger-failover-if-master.sh'], min: 0, max: null },
  { name: 'mysql probe with $$ escapes', cmd: ['/bin/bash', '-c', "mysql -h 127.0.0.1 -D $$MYSQL_DATABASE -e 'SELECT 1'"], min: 0, max: null },

  // --- seeds --------------------------------------------------------------------------------
  { name: 'seed postStart sleep 30', cmd: ['/bin/sh', '-c', 'sleep 30;echo "postStart at $(date +%F_%T)" >> /data/postStart.log'], min: 30, max: 30, ev: ['sleep 30'] },
  { name: 'seed preStop sleep 20', cmd: ['/bin/sh', '-c', 'sleep 20;echo "preStop at $(date +%F_%T)" >> /data/preStop.log'], min: 20, max: 20, ev: ['sleep 20'] },
  { name: 'seed main container sleep 600', cmd: ['/bin/sh', '-c', 'echo "command at $(date +%F_%T)" >> /usr/share/nginx/html/haha.log; sleep 600'], min: 600, max: 600, ev: ['sleep 600'] },
  { name: 'seed tee then sleep 5s', cmd: sh('echo postStart...|tee -a /tmp/pod-hook-exec.log;sleep 5s'), min: 5, max: null, ev: ['sleep 5s'] },
  { name: 'seed tee only', cmd: sh('echo preStop...|tee -a /tmp/pod-hook-exec.log'), min: 0, max: null },
  { name: 'seed echo to file', cmd: ['sh', '-c', 'echo Hello from the postStart handler > /usr/share/message'], min: 0, max: 0 },
  // echo exits 0, so the right side of && certainly runs.
  { name: 'seed bci echo && sleep 30', cmd: ['/bin/sh', '-c', 'echo preStop hook > /tmp/termination-log && sleep 30'], min: 30, max: 30, ev: ['sleep 30'] },
  { name: 'curl && sleep: curl may fail', cmd: sh('curl -sf http://localhost:8080/drain && sleep 30'), min: 0, max: null },
  { name: 'seed tomcat sleep 10000000', cmd: ['/bin/bash', '-c', 'sleep 10000000'], min: INF, max: null, unbounded: true, ev: ['sleep 10000000'] },
  {
    name: 'seed init loop with backtick seq',
    cmd: ['/bin/bash', '-c', "for i in `seq 1 10`;do echo '<h1>'$i web page at $(date +%Y%m%d%H%M%S) '<h1>' >> /data/index.html;sleep 1;done"],
    min: 10,
    max: 10,
    ev: ['sleep 1'],
  },
  { name: 'seed cat healthy file', cmd: ['cat', '/tmp/healthy'], min: 0, max: null },

  // --- direct argv forms --------------------------------------------------------------------
  { name: '/bin/sleep infinity', cmd: ['/bin/sleep', 'infinity'], min: INF, max: null, unbounded: true, ev: ['/bin/sleep infinity'] },
  { name: 'timeout caps a sleep', cmd: ['timeout', '5', 'sleep', '30'], min: 5, max: 5, ev: ['timeout 5'] },
  { name: 'tail -f /dev/null', cmd: ['/usr/bin/tail', '-f', '/dev/null'], min: INF, max: null, unbounded: true, ev: ['/usr/bin/tail -f /dev/null'] },
  { name: 'sleep 1m 30s', cmd: ['sleep', '1m', '30s'], min: 90, max: 90, ev: ['sleep 1m 30s'] },
  { name: 'sleep 0.5', cmd: ['sleep', '0.5'], min: 0.5, max: 0.5, ev: ['sleep 0.5'] },
  { name: 'sleep 10000000', cmd: ['sleep', '10000000'], min: INF, max: null, unbounded: true, ev: ['sleep 10000000'] },
  { name: 'kubelet $(VAR) in argv', cmd: ['sleep', '$(DELAY)'], env: { DELAY: '12' }, min: 12, max: 12, ev: ['sleep 12'] },
  { name: 'invalid sleep operand', cmd: ['sleep', 'abc'], min: 0, max: 0 },
  { name: 'sleep without operand', cmd: ['sleep'], min: 0, max: 0 },
  { name: 'bash -ec', cmd: ['/bin/bash', '-ec', 'sleep 20'], min: 20, max: 20, ev: ['sleep 20'] },
  { name: 'bash -lc', cmd: ['bash', '-lc', 'sleep 20'], min: 20, max: 20, ev: ['sleep 20'] },
  { name: 'busybox sh -c', cmd: ['busybox', 'sh', '-c', 'sleep 7'], min: 7, max: 7, ev: ['sleep 7'] },
  { name: '/busybox/sh -c', cmd: ['/busybox/sh', '-c', 'sleep 7'], min: 7, max: 7, ev: ['sleep 7'] },
  { name: 'busybox sleep', cmd: ['busybox', 'sleep', '3'], min: 3, max: 3, ev: ['sleep 3'] },
  { name: 'env X=1 sh -c', cmd: ['env', 'X=3', 'sh', '-c', 'sleep $X'], min: 3, max: 3, ev: ['sleep $X'] },
  { name: 'positional $1', cmd: sh('sleep $1', 'sh', '9'), min: 9, max: 9, ev: ['sleep $1'] },
  { name: 'option after -c', cmd: ['sh', '-c', '-e', 'sleep 2'], min: 2, max: 2, ev: ['sleep 2'] },
  { name: 'zsh -c', cmd: ['zsh', '-c', 'sleep 3'], min: 3, max: 3, ev: ['sleep 3'] },
  { name: 'dash -c', cmd: ['dash', '-c', 'sleep 3'], min: 3, max: 3, ev: ['sleep 3'] },
  { name: 'ash -c', cmd: ['ash', '-c', 'sleep 3'], min: 3, max: 3, ev: ['sleep 3'] },
  { name: 'script file', cmd: ['sh', '/script.sh'], min: 0, max: null },
  { name: 'shell reading stdin', cmd: ['sh'], min: 0, max: null, unknown: true },
  { name: 'su-exec wrapper', cmd: ['su-exec', 'app', 'sleep', '3'], min: 3, max: 3, ev: ['sleep 3'] },
  { name: 'nice wrapper', cmd: ['nice', '-n', '10', 'sleep', '3'], min: 3, max: 3, ev: ['sleep 3'] },
  { name: 'python sleep is opaque', cmd: ['python', '-c', 'import time; time.sleep(5)'], min: 0, max: null },

  // --- sequences, and-or lists, background jobs ---------------------------------------------
  { name: 'background sleep', cmd: sh('sleep 20 &'), min: 0, max: 0 },
  { name: 'background sleep + wait', cmd: sh('sleep 20 & wait'), min: 20, max: 20, ev: ['sleep 20', 'wait'] },
  { name: 'true || sleep', cmd: sh('true || sleep 20'), min: 0, max: 0 },
  { name: 'false && sleep', cmd: sh('false && sleep 20'), min: 0, max: 0 },
  { name: 'sleep && sleep (a literal sleep exits 0)', cmd: sh('sleep 5 && sleep 5'), min: 10, max: 10, ev: ['sleep 5', 'sleep 5'] },
  { name: 'sleep || sleep', cmd: sh('sleep 5 || sleep 5'), min: 5, max: 5, ev: ['sleep 5'] },
  { name: 'sleep infinity & wait', cmd: sh('sleep infinity & wait'), min: INF, max: null, unbounded: true, ev: ['sleep infinity', 'wait'] },
  { name: 'trap + sleep infinity & wait', cmd: sh('trap "exit 0" TERM; sleep infinity & wait'), min: INF, max: null, unbounded: true, ev: ['sleep infinity', 'wait'] },
  { name: 'killed job', cmd: sh('sleep 100 & pid=$!; kill $pid; wait $pid'), min: 0, max: null },
  { name: 'wait $pid', cmd: sh('sleep 20 & pid=$!; wait $pid'), min: 20, max: 20, ev: ['sleep 20', 'wait $pid'] },
  { name: 'foreground longer than job', cmd: sh('sleep 5 & sleep 10; wait'), min: 10, max: 10, ev: ['sleep 10'] },
  { name: 'two jobs', cmd: sh('sleep 3 & sleep 4 & wait'), min: 4, max: 4, ev: ['sleep 4', 'wait'] },
  { name: 'nohup in background', cmd: sh('nohup sleep 5 &'), min: 0, max: 0 },
  { name: 'exec ends the script', cmd: sh('exec sleep 20; sleep 100'), min: 20, max: 20, ev: ['sleep 20'] },
  { name: 'exit ends the script', cmd: sh('exit 0; sleep 100'), min: 0, max: 0 },
  { name: 'exec after sleep', cmd: sh('sleep 5; exec /app/stop; sleep 100'), min: 5, max: null, ev: ['sleep 5'] },
  { name: 'subshell exit', cmd: sh('(sleep 3; exit 1); sleep 2'), min: 5, max: 5, ev: ['sleep 3', 'sleep 2'] },
  { name: 'brace group', cmd: sh('{ sleep 3; sleep 2; }'), min: 5, max: 5, ev: ['sleep 3', 'sleep 2'] },
  { name: 'pipeline waits for its stages', cmd: sh('sleep 4 | grep x'), min: 4, max: null, ev: ['sleep 4'] },
  { name: 'tail -f feeding grep -m1 is not unbounded', cmd: sh('tail -f /var/log/app.log | grep -m1 started'), min: 0, max: null },
  { name: 'unbounded last stage', cmd: sh('echo | tail -f /dev/null'), min: INF, max: null, unbounded: true, ev: ['tail -f /dev/null'] },

  // --- conditionals ---------------------------------------------------------------------------
  { name: 'if/else: the shorter branch', cmd: sh('if x; then sleep 30; else sleep 10; fi'), min: 10, max: null, ev: ['sleep 10'] },
  { name: 'if without else', cmd: sh('if x; then sleep 30; fi'), min: 0, max: null },
  { name: 'if true', cmd: sh('if true; then sleep 3; fi'), min: 3, max: 3, ev: ['sleep 3'] },
  { name: 'elif chain', cmd: sh('if a; then sleep 3; elif b; then sleep 4; else sleep 5; fi'), min: 3, max: null, ev: ['sleep 3'] },
  { name: 'case with default arm', cmd: sh('case $MODE in fast) sleep 1;; *) sleep 10;; esac'), min: 1, max: 10, ev: ['sleep 1'] },
  { name: 'case with known subject', cmd: sh('case $MODE in fast) sleep 1;; *) sleep 10;; esac'), env: { MODE: 'slow' }, min: 10, max: 10, ev: ['sleep 10'] },
  { name: 'case without default arm', cmd: sh('case "$X" in stop) sleep 5;; esac'), min: 0, max: 5 },
  { name: '[[ ]] && sleep', cmd: bash('[[ -f /tmp/x ]] && sleep 3'), min: 0, max: 3 },

  // --- loops ----------------------------------------------------------------------------------
  { name: 'for over a literal list', cmd: sh('for i in 1 2 3; do sleep 2; done'), min: 6, max: 6, ev: ['sleep 2'] },
  { name: 'for over $(seq 1 10)', cmd: sh('for i in $(seq 1 10); do sleep 1; done'), min: 10, max: 10, ev: ['sleep 1'] },
  { name: 'for over $(seq 10)', cmd: sh('for i in $(seq 10); do sleep 0.5; done'), min: 5, max: 5, ev: ['sleep 0.5'] },
  { name: 'bash brace range', cmd: bash('for i in {1..10}; do sleep 1; done'), min: 10, max: 10, ev: ['sleep 1'] },
  { name: 'sh brace range may be literal', cmd: sh('for i in {1..10}; do sleep 1; done'), min: 1, max: 10, ev: ['sleep 1'] },
  { name: 'for over a glob', cmd: sh('for f in /tmp/*; do sleep 1; done'), min: 0, max: null, unknown: true },
  { name: 'for with break', cmd: sh('for i in 1 2 3; do curl x && break; sleep 2; done'), min: 0, max: null },
  { name: 'retry loop with break', cmd: sh('for i in $(seq 1 60); do\n  if wget -q --spider http://127.0.0.1:8333/status; then\n    break\n  fi\n  sleep 2\ndone'), min: 0, max: null },
  { name: 'while true', cmd: sh('while true; do sleep 1; done'), min: INF, max: null, unbounded: true, ev: ['while true'] },
  { name: 'while :', cmd: sh('while :; do sleep 1; done'), min: INF, max: null, unbounded: true, ev: ['while :'] },
  { name: 'while [ 1 ]', cmd: sh('while [ 1 ]; do echo alive; done'), min: INF, max: null, unbounded: true, ev: ['while [ 1 ]'] },
  { name: 'until false', cmd: sh('until false; do sleep 1; done'), min: INF, max: null, unbounded: true, ev: ['until false'] },
  { name: 'while true with a break', cmd: sh('while true; do sleep 1; if [ -f /tmp/done ]; then break; fi; done'), min: 1, max: null, unknown: true, ev: ['sleep 1'] },
  { name: 'while true with exit', cmd: sh('while true; do curl -s localhost || exit 0; sleep 1; done'), min: 0, max: null, unknown: true },
  { name: 'while true under set -e', cmd: sh('set -e; while true; do curl -sf localhost; sleep 1; done'), min: 0, max: null, unknown: true },
  { name: 'until curl wait loop', cmd: sh('until curl -sf localhost:8080/healthz; do sleep 2; done'), min: 0, max: null, unknown: true },
  { name: 'wait loop then sleep', cmd: sh('while [ -f /tmp/lock ]; do sleep 1; done; sleep 3'), min: 3, max: null, unknown: true, ev: ['sleep 3'] },

  // --- timeout --------------------------------------------------------------------------------
  { name: 'timeout in a script', cmd: sh('timeout 5 sleep 30'), min: 5, max: 5, ev: ['timeout 5'] },
  { name: 'timeout -s KILL', cmd: sh('timeout -s KILL 10 sleep 30'), min: 10, max: 10, ev: ['timeout -s KILL 10'] },
  { name: 'timeout 5s tail -f', cmd: sh('timeout 5s tail -f /dev/null'), min: 5, max: 5, ev: ['timeout 5s'] },
  { name: 'timeout longer than the command', cmd: sh('timeout 30 sleep 5'), min: 5, max: 5, ev: ['sleep 5'] },
  { name: 'timeout around a shell loop', cmd: sh('timeout 10 sh -c "while true; do sleep 1; done"'), min: 10, max: 10, ev: ['timeout 10'] },
  { name: 'timeout with unknown duration', cmd: sh('timeout $T sleep 5'), min: 0, max: 5, unknown: true },
  { name: 'timeout -k', cmd: sh('timeout -k 2 5 /app/stop'), min: 0, max: 7 },

  // --- substitutions, functions, traps --------------------------------------------------------
  { name: 'command substitution runs', cmd: sh('echo $(sleep 5)'), min: 5, max: 5, ev: ['sleep 5'] },
  { name: 'backticks run', cmd: sh('x=`sleep 2`; sleep 1'), min: 3, max: 3, ev: ['sleep 2', 'sleep 1'] },
  { name: 'function call', cmd: sh('drain() { sleep 15; }; drain'), min: 15, max: 15, ev: ['sleep 15'] },
  { name: 'function return', cmd: sh('f() { sleep 3; return; sleep 100; }; f; sleep 1'), min: 4, max: 4, ev: ['sleep 3', 'sleep 1'] },
  { name: 'function defined, not called', cmd: sh('f() { sleep 10; }'), min: 0, max: 0 },
  { name: 'EXIT trap runs at the end', cmd: sh('trap "sleep 4" EXIT; echo bye'), min: 4, max: 4, ev: ['sleep 4'] },
  { name: 'nested sh -c', cmd: sh('sh -c "sleep 5"'), min: 5, max: 5, ev: ['sleep 5'] },
  { name: "nested bash -c ''", cmd: sh("bash -c 'sleep 5; sleep 6'"), min: 11, max: 11, ev: ['sleep 5', 'sleep 6'] },
  { name: 'eval of a literal', cmd: sh('eval "sleep 4"'), min: 4, max: 4, ev: ['sleep 4'] },

  // --- variables ------------------------------------------------------------------------------
  { name: 'assignment then sleep $D', cmd: sh('D=20; sleep $D'), min: 20, max: 20, ev: ['sleep $D'] },
  { name: 'export then "${D}"', cmd: sh('export D=20; sleep "${D}"'), min: 20, max: 20, ev: ['sleep "${D}"'] },
  { name: '${DELAY:-20} default', cmd: sh('sleep ${DELAY:-20}'), min: 20, max: 20, ev: ['sleep ${DELAY:-20}'] },
  { name: '${DELAY:-20} from env', cmd: sh('sleep ${DELAY:-20}'), env: { DELAY: '5' }, min: 5, max: 5, ev: ['sleep ${DELAY:-20}'] },
  { name: '${DELAY:-40} with DELAY from valueFrom', cmd: sh('sleep ${DELAY:-40}'), env: { DELAY: undefined }, min: 0, max: null, unknown: true },
  { name: '${DELAY:-40} with DELAY unset', cmd: sh('sleep ${DELAY:-40}'), env: { OTHER: '1' }, min: 40, max: 40, ev: ['sleep ${DELAY:-40}'] },
  { name: '${DELAY:-40} with envFrom (DELAY may be set)', cmd: sh('sleep ${DELAY:-40}'), envFrom: true, min: 0, max: null, unknown: true },
  { name: 'literal sleep with envFrom stays known', cmd: sh('sleep 12'), envFrom: true, min: 12, max: 12, ev: ['sleep 12'] },
  { name: 'kubelet $(VAR) with envFrom', cmd: ['sleep', '$(DELAY)'], envFrom: true, min: 0, max: null, unknown: true },
  { name: 'kubelet $(VAR) from valueFrom', cmd: ['sleep', '$(DELAY)'], env: { DELAY: undefined }, min: 0, max: null, unknown: true },
  { name: 'kubelet $(VAR) not defined stays literal (sleep fails at once)', cmd: ['sleep', '$(DELAY)'], env: {}, min: 0, max: 0 },
  { name: '"$DELAY" from env', cmd: sh('sleep "$DELAY"'), env: { DELAY: '15' }, min: 15, max: 15, ev: ['sleep "$DELAY"'] },
  { name: '"$DELAY" unknown', cmd: sh('sleep "$DELAY"'), min: 0, max: null, unknown: true },
  { name: 'kubelet $(VAR) in a script', cmd: sh('sleep $(DELAY)'), env: { DELAY: '7' }, min: 7, max: 7, ev: ['sleep $(DELAY)'] },
  { name: 'arithmetic on a variable', cmd: sh('sleep $((D+5))'), env: { D: '10' }, min: 15, max: 15, ev: ['sleep $((D+5))'] },
  { name: 'arithmetic on literals', cmd: sh('sleep $((3*2))'), min: 6, max: 6, ev: ['sleep $((3*2))'] },
  { name: '$RANDOM arithmetic', cmd: bash('sleep $((RANDOM % 10))'), min: 0, max: null, unknown: true },
  { name: 'sleep $(cat file)', cmd: sh('sleep $(cat /tmp/delay)'), min: 0, max: null, unknown: true },
  { name: 'variable from a command', cmd: sh('DELAY=$(cat /etc/delay); sleep $DELAY'), min: 0, max: null, unknown: true },
  { name: 'test on a known env value', cmd: sh('if [ "$X" = "1" ]; then sleep 3; fi'), env: { X: '1' }, min: 3, max: 3, ev: ['sleep 3'] },
  { name: 'while on a constant known test', cmd: sh('while [ "$RUN" = 1 ]; do sleep 5; done'), env: { RUN: '1' }, min: INF, max: null, unbounded: true, ev: ['while [ "$RUN" = 1 ]'] },
  { name: 'while on a test the body changes', cmd: sh('i=0; while [ $i -lt 3 ]; do sleep 1; i=$((i+1)); done'), min: 0, max: null, unknown: true },
  { name: 'short literal list unrolled', cmd: sh('for i in 1 2 3; do sleep $i; done'), min: 6, max: 6, ev: ['sleep $i'] },
  { name: 'for over "$@"', cmd: sh('for d in "$@"; do sleep $d; done', 'sh', '2', '3'), min: 5, max: 5, ev: ['sleep $d'] },
  { name: 'exec "$@"', cmd: sh('exec "$@"', 'sh', 'sleep', '5'), min: 5, max: 5, ev: ['"$@"'] },
  { name: 'exec "$@" without arguments does nothing', cmd: sh('exec "$@"'), min: 0, max: 0 },
  { name: 'CR at line ends makes sleep fail', cmd: sh('sleep 1\r\nsleep 2\r\n'), min: 0, max: 0 },
  { name: 'variable assigned in one branch', cmd: sh('D=5; if x; then D=50; fi; sleep $D'), min: 0, max: null, unknown: true },

  // --- set -e ---------------------------------------------------------------------------------
  { name: 'set -e: a failing command ends the script', cmd: sh('set -e; /app/stop; sleep 25'), min: 0, max: null },
  { name: 'set -e with || true', cmd: sh('set -e; /app/stop || true; sleep 25'), min: 25, max: null, ev: ['sleep 25'] },
  { name: 'set -euo pipefail block', cmd: ['/bin/bash', '-c', 'set -euo pipefail\necho "stopping"\nsleep 25\n'], min: 25, max: 25, ev: ['sleep 25'] },

  // --- lexical details ------------------------------------------------------------------------
  { name: 'comments', cmd: sh('# wait for the endpoints to go\nsleep 10 # seconds\n# sleep 100'), min: 10, max: 10, ev: ['sleep 10'] },
  { name: 'multi-line block', cmd: sh('set -x\necho "stopping"\n/app/bin/stop --graceful\nsleep 25\n'), min: 25, max: null, ev: ['sleep 25'] },
  { name: 'here-document is not code', cmd: sh('cat <<EOF\nsleep 100\nEOF\nsleep 2'), min: 2, max: null, ev: ['sleep 2'] },
  { name: 'quoted sleep is an argument', cmd: sh("echo 'sleep 100'; sleep 3"), min: 3, max: 3, ev: ['sleep 3'] },
  { name: 'escaped semicolon', cmd: sh('echo "a;b" \\; sleep 3'), min: 0, max: 0 },
  { name: 'line continuation', cmd: sh('sleep \\\n 5'), min: 5, max: 5, ev: ['sleep \\\n 5'] },
  { name: 'units', cmd: sh('sleep 3s; sleep 2m'), min: 123, max: 123, ev: ['sleep 3s', 'sleep 2m'] },
  { name: 'sleep 1d is unbounded', cmd: sh('sleep 1d'), min: INF, max: null, unbounded: true, ev: ['sleep 1d'] },
  { name: 'sleep 2h', cmd: sh('sleep 2h'), min: 7200, max: 7200, ev: ['sleep 2h'] },
  { name: 'read blocks on stdin: unknown', cmd: sh('read line'), min: 0, max: null, unknown: true },
  { name: 'cat without files: unknown', cmd: ['cat'], min: 0, max: null, unknown: true },
  { name: 'cat a file', cmd: ['cat', '/etc/hosts'], min: 0, max: null },
  { name: 'kubelet $$ escape', cmd: ['/bin/sh', '-c', 'sleep 3; echo $$$$ > /tmp/pid'], min: 3, max: 3, ev: ['sleep 3'] },

  // --- parse failures ---------------------------------------------------------------------------
  { name: 'unbalanced quote', cmd: sh('echo "unterminated; sleep 5'), min: 0, max: null, unknown: true },
  { name: 'stray brace', cmd: sh('sleep 1; }'), min: 0, max: null, unknown: true },
  { name: 'open parens', cmd: sh('((((( sleep 1'), min: 0, max: null, unknown: true },
  { name: 'reserved word first', cmd: sh('do sleep 1; done'), min: 0, max: null, unknown: true },
];

function check(r: DurationBounds, row: Row): void {
  expect({ min: r.minSeconds, max: r.maxSeconds, unbounded: r.unbounded, unknown: r.unknown }).toEqual({
    min: row.min,
    max: row.max,
    unbounded: row.unbounded ?? false,
    unknown: row.unknown ?? false,
  });
  expect(r.evidence.map((e) => e.text)).toEqual(row.ev ?? []);
}

describe('analyzeExec table', () => {
  it('has at least 90 rows', () => {
    expect(rows.length).toBeGreaterThanOrEqual(90);
  });
  for (const row of rows) {
    it(`${row.name}: ${JSON.stringify(row.cmd)}`, () => {
      const r = analyzeExec(row.cmd, row.env, { otherNamesUnknown: row.envFrom });
      check(r, row);
      for (const e of r.evidence) {
        // evidence spans sit inside the argv element they name
        const src = row.cmd[e.arg]!;
        expect(e.offset).toBeGreaterThanOrEqual(0);
        expect(e.offset + e.length).toBeLessThanOrEqual(src.length);
        // inside a script the text is exactly the span; for direct argv it is the words joined
        if (src.slice(e.offset, e.offset + e.length) !== e.text) expect([e.offset, e.length]).toEqual([0, src.length]);
      }
    });
  }
});

describe('evidence positions', () => {
  const span = (cmd: string[], i = 0, env?: Record<string, string>) => {
    const e = analyzeExec(cmd, env).evidence[i]!;
    return { arg: e.arg, text: cmd[e.arg]!.slice(e.offset, e.offset + e.length), offset: e.offset, kind: e.kind };
  };

  it('sleep inside a script', () => {
    const script = 'echo hi; sleep 20; echo done';
    const e = analyzeExec(['/bin/sh', '-c', script]).evidence[0]!;
    expect(e).toMatchObject({ arg: 2, offset: 9, length: 8, kind: 'sleep', text: 'sleep 20' });
    expect(script.slice(e.offset, e.offset + e.length)).toBe('sleep 20');
  });

  it('direct argv: the command word', () => {
    expect(analyzeExec(['sleep', '20']).evidence).toEqual([{ arg: 0, offset: 0, length: 5, text: 'sleep 20', kind: 'sleep', duration: { arg: 1, offset: 0, length: 2, seconds: 20 } }]);
    expect(span(['/bin/sleep', 'infinity'])).toEqual({ arg: 0, text: '/bin/sleep', offset: 0, kind: 'unbounded' });
  });

  it('while true covers the loop head only', () => {
    expect(span(sh('echo x\nwhile true; do\n  sleep 1\ndone'))).toEqual({ arg: 2, text: 'while true', offset: 7, kind: 'unbounded' });
  });

  it('inside a nested quoted script', () => {
    expect(span(sh('timeout 60 sh -c "echo \\"x\\"; sleep 20"'))).toMatchObject({ arg: 2, text: 'sleep 20', kind: 'sleep' });
    expect(span(sh("bash -c 'sleep 5; sleep 6'"), 1)).toMatchObject({ arg: 2, text: 'sleep 6', offset: 18 });
  });

  it('inside command substitution and backticks', () => {
    expect(span(sh('x=$(sleep 5)'))).toMatchObject({ text: 'sleep 5', offset: 4 });
    expect(span(sh('x=`sleep 2`'))).toMatchObject({ text: 'sleep 2', offset: 3 });
    expect(span(sh('echo "`sleep 2 \\`true\\``"'))).toMatchObject({ text: 'sleep 2' });
  });

  it('kubelet-expanded $(VAR) keeps source offsets', () => {
    expect(span(sh('echo $(A); sleep $(B)'), 0, { A: 'a long value', B: '4' })).toMatchObject({ text: 'sleep $(B)', offset: 11 });
  });

  it('script after extra flags and env prefix', () => {
    expect(span(['env', 'A=1', '/bin/bash', '-e', '-o', 'pipefail', '-c', 'sleep 3'])).toMatchObject({ arg: 7, text: 'sleep 3', offset: 0 });
  });

  it('the wait of a background job', () => {
    const cmd = sh('sleep 20 &\ncurl x\nwait');
    const ev = analyzeExec(cmd).evidence;
    expect(ev.map((e) => [e.kind, cmd[2]!.slice(e.offset, e.offset + e.length)])).toEqual([
      ['sleep', 'sleep 20'],
      ['wait', 'wait'],
    ]);
  });

  it("a sleep's duration operand, only where it is written as a literal", () => {
    const operand = (cmd: string[]) => {
      const d = analyzeExec(cmd).evidence[0]?.duration;
      return d && { text: cmd[d.arg]!.slice(d.offset, d.offset + d.length), seconds: d.seconds };
    };
    expect(operand(sh('nginx -s quit; sleep 40'))).toEqual({ text: '40', seconds: 40 });
    expect(operand(sh('sleep 1m'))).toEqual({ text: '1m', seconds: 60 });
    expect(operand(['sleep', '--', '6s'])).toEqual({ text: '6s', seconds: 6 });
    expect(operand(sh("bash -c 'sleep 5'"))).toEqual({ text: '5', seconds: 5 });
    // Quoted, expanded, or more than one operand: no single literal to rewrite.
    expect(operand(sh("sleep '40'"))).toBeUndefined();
    expect(operand(sh('D=40; sleep $D'))).toBeUndefined();
    expect(operand(['sleep', '20', '20'])).toBeUndefined();
    expect(analyzeExec(sh('sleep $(B)'), { B: '4' }).evidence[0]!.duration).toBeUndefined();
  });

  it('timeout evidence', () => {
    expect(span(['timeout', '-s', 'KILL', '5', 'sleep', '30'])).toEqual({ arg: 0, text: 'timeout', offset: 0, kind: 'timeout' });
    expect(analyzeExec(['timeout', '-s', 'KILL', '5', 'sleep', '30']).evidence[0]!.text).toBe('timeout -s KILL 5');
  });
});

describe('robustness', () => {
  it('never throws on garbage', () => {
    const tokens = ['sleep', ' ', '5', ';', '&', '&&', '||', '|', '(', ')', '{', '}', '"', "'", '`', '$', '$(', '${', '}', '\\', '\n', 'if', 'then', 'fi', 'while', 'do', 'done', 'for', 'in', 'case', 'esac', ';;', '<<', 'EOF', '#', 'x=1', '$x', '((', '))', '[[', ']]', 'wait', 'exit', 'infinity', '-c', 'sh', 'timeout', 'tail', '-f'];
    let seed = 42;
    const rnd = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff; // exact: a plain product loses its low bits past 2^53, and the sequence cycled within 16,000 values
      return seed % n;
    };
    for (let i = 0; i < 3000; i++) {
      let s = '';
      const len = rnd(30);
      for (let j = 0; j < len; j++) s += tokens[rnd(tokens.length)];
      const argv = rnd(3) === 0 ? s.split(' ') : ['sh', '-c', s];
      const r = analyzeExec(argv);
      expect(r.minSeconds).toBeGreaterThanOrEqual(0);
      if (r.maxSeconds !== null) expect(r.maxSeconds).toBeGreaterThanOrEqual(r.minSeconds);
      expect(r.unbounded).toBe(r.minSeconds === Infinity);
    }
  });

  it('odd inputs', () => {
    const failure = { minSeconds: 0, maxSeconds: null, unbounded: false, unknown: true, evidence: [] };
    expect(analyzeExec([])).toEqual(failure);
    expect(analyzeExec(null as unknown as string[])).toEqual(failure);
    expect(analyzeExec([1, 2] as unknown as string[])).toEqual(failure);
    expect(analyzeExec(['sh', '-c'])).toMatchObject({ minSeconds: 0, maxSeconds: 0 });
    expect(analyzeExec(['sh', '-c', ''])).toMatchObject({ minSeconds: 0, maxSeconds: 0 });
    expect(analyzeExec(['sh', '-c', 'f() { f; }; f'])).toMatchObject({ minSeconds: 0, unknown: true });
    expect(analyzeExec(['sh', '-c', 'sleep $(( 1 / 0 ))'])).toMatchObject({ minSeconds: 0, unknown: true });
  });

  // The interpreter's step budget bounds its work; the test timeout is a hang guard for the
  // parser and expansion (it also fails a synchronous overrun), not a speed measurement.
  it('huge and deeply nested inputs end with a result', () => {
    const inputs: string[] = [
      'sleep 1;'.repeat(131072),
      "'" + 'a'.repeat(1 << 20),
      '('.repeat(1 << 20),
      '$('.repeat(1 << 19),
      '`'.repeat(1 << 20),
      '"$(echo "'.repeat(100000),
      'echo ' + 'x'.repeat(1 << 20),
      'if true; then '.repeat(70000),
      '$((' .repeat(300000),
      'a=1; '.repeat(200000),
      'for i in 1 2; do '.repeat(50000) + 'sleep 1' + '; done'.repeat(50000),
      '{ '.repeat(300000),
      'cat <<EOF\n' + 'x\n'.repeat(400000),
      '${x:-'.repeat(150000),
    ];
    for (const s of inputs) {
      const r = analyzeExec(['sh', '-c', s]);
      expect(typeof r.minSeconds).toBe('number');
    }
  }, 120_000);

  it('a long script is analysed completely', () => {
    const r = analyzeExec(['sh', '-c', 'sleep 1;\n'.repeat(5000)]);
    expect(r).toMatchObject({ minSeconds: 5000, maxSeconds: 5000, unknown: false });
    expect(r.evidence.length).toBe(5000);
  });

  it('nested loops multiply', () => {
    expect(analyzeExec(sh('for i in 1 2 3; do for j in 1 2; do sleep 1; done; done'))).toMatchObject({ minSeconds: 6, maxSeconds: 6 });
  });
});
