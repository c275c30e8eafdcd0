/*
 * The dashboards page: draws each question of a dashboard definition with Apache ECharts and asks it again every
 * refreshSeconds. For the headless-browser test (and for anyone looking) it records script errors and, once every
 * chart was drawn, sets on <body>: data-ready="true", data-errors=<count of script errors>; on each card:
 * data-rows=<rows>, data-state="ok", "error" (the question's error is shown on the card) or "waiting" (its mart does
 * not exist yet: the card says what fills it).
 */
(function () {
  'use strict';
  const scriptErrors = [];
  function recordError(message) {
    scriptErrors.push(message);
    const item = document.createElement('li');
    item.textContent = message;
    document.getElementById('script-errors').appendChild(item);
    document.body.dataset.errors = String(scriptErrors.length);
  }
  window.addEventListener('error', e => recordError('script error: ' + e.message));
  window.addEventListener('unhandledrejection', e => recordError('unhandled rejection: '
      + (e.reason && e.reason.message ? e.reason.message : String(e.reason))));
  document.body.dataset.errors = '0';

  async function getJson(url) {
    const response = await fetch(url, {cache: 'no-store'});
    const body = await response.json();
    if (!response.ok) {
      throw new Error(url + ': HTTP ' + response.status + ': ' + (body.error || JSON.stringify(body)));
    }
    return body;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  /** The page of every dashboard: a list of links. */
  async function listDashboards(content) {
    const dashboards = await getJson('/api/dashboards');
    const list = element('ul', 'dashboards');
    for (const dashboard of dashboards) {
      const item = element('li');
      const link = element('a', null, dashboard.name);
      link.href = '/dashboards/' + encodeURIComponent(dashboard.slug);
      item.appendChild(link);
      item.appendChild(element('span', 'note', ' (' + dashboard.pipeline + ') ' + dashboard.description));
      list.appendChild(item);
    }
    content.appendChild(list);
  }

  /** One card per question, placed on the definition's 24-column grid. */
  function card(grid, question, index) {
    const node = element('section', 'card');
    const p = question.position;
    node.style.gridColumn = (p.col + 1) + ' / span ' + p.width;
    node.style.gridRow = (p.row + 1) + ' / span ' + p.height;
    node.dataset.question = String(index);
    node.dataset.chart = question.chart.type;
    node.appendChild(element('h2', null, question.name));
    const note = element('p', 'note', question.description || '');
    node.appendChild(note);
    const body = element('div', 'body');
    node.appendChild(body);
    grid.appendChild(node);
    return {question: question, index: index, node: node, body: body, note: note, chart: null};
  }

  function column(answer, name) {
    const index = answer.columns.indexOf(name);
    if (index < 0) throw new Error('the answer has no column ' + name + ' (it has ' + answer.columns.join(', ') + ')');
    return index;
  }

  /** ECharts options of a line, area, bar, row, pie, pin_map or heatmap chart. */
  function chartOptions(type, chart, answer) {
    const rows = answer.rows;
    const base = {animation: false, tooltip: {trigger: type === 'pie' || type === 'pin_map' ? 'item' : 'axis'},
      grid: {left: 8, right: 16, top: 32, bottom: 8, containLabel: true}};
    if (type === 'pie') {
      const x = column(answer, chart.x), y = column(answer, chart.y[0]);
      return Object.assign(base, {legend: {type: 'scroll', top: 0},
        series: [{type: 'pie', radius: ['30%', '65%'], top: 24,
          data: rows.map(r => ({name: String(r[x]), value: r[y]}))}]});
    }
    if (type === 'pin_map') {
      // No map tiles (they would come from a third party): the pins on longitude/latitude axes.
      const lat = column(answer, chart.latitude), lon = column(answer, chart.longitude);
      return Object.assign(base, {
        tooltip: {trigger: 'item', formatter: p => answer.columns.map((c, i) => c + ': ' + p.data.row[i]).join('<br>')},
        xAxis: {type: 'value', scale: true, name: 'longitude'}, yAxis: {type: 'value', scale: true, name: 'latitude'},
        series: [{type: 'scatter', symbolSize: 12, data: rows.map(r => ({value: [r[lon], r[lat]], row: r}))}]});
    }
    if (type === 'heatmap') {
      // One row of cells per result row (labelled by the series column), one column per y column, one colour
      // scale over all cells (Metabase: the table with a "range" colour rule, MetabaseProvisioner).
      const label = column(answer, chart.series);
      const cells = chart.y.map(name => column(answer, name));
      const data = [];
      rows.forEach((r, i) => cells.forEach((c, j) => { if (r[c] !== null) data.push([j, i, r[c]]); }));
      const low = data.length ? Math.min(...data.map(d => d[2])) : 0;
      const high = data.length ? Math.max(...data.map(d => d[2])) : 1;
      return Object.assign(base, {tooltip: {trigger: 'item',
          formatter: p => String(rows[p.data[1]][label]) + ' · ' + chart.y[p.data[0]] + ': ' + p.data[2]},
        grid: {left: 8, right: 16, top: 8, bottom: 48, containLabel: true},
        xAxis: {type: 'category', data: chart.y, splitArea: {show: true}},
        yAxis: {type: 'category', inverse: true, data: rows.map(r => String(r[label])), splitArea: {show: true}},
        visualMap: {type: 'continuous', orient: 'horizontal', left: 'center', bottom: 0, calculable: true,
          min: low, max: high > low ? high : low + 1,
          inRange: {color: ['#FFFFFF', '#509EE3']}},
        series: [{type: 'heatmap', data: data, label: {show: true, fontSize: 10},
          itemStyle: {borderColor: '#dde', borderWidth: 1},
          emphasis: {itemStyle: {borderColor: '#333', borderWidth: 1}}}]});
    }
    const x = column(answer, chart.x);
    const ys = chart.y.map(name => column(answer, name));
    const categories = [];
    const seen = new Map();
    for (const r of rows) {
      const key = String(r[x]);
      if (!seen.has(key)) { seen.set(key, categories.length); categories.push(key); }
    }
    const split = chart.series ? column(answer, chart.series) : -1;
    const series = new Map();
    for (const r of rows) {
      for (let i = 0; i < ys.length; i++) {
        const name = split < 0 ? chart.y[i] : String(r[split]) + (ys.length > 1 ? ' · ' + chart.y[i] : '');
        if (!series.has(name)) series.set(name, new Array(categories.length).fill(null));
        series.get(name)[seen.get(String(r[x]))] = r[ys[i]];
      }
    }
    const kind = type === 'line' || type === 'area' ? 'line' : 'bar';
    const list = [...series.entries()].map(([name, data]) => ({name: name, type: kind, data: data,
      showSymbol: categories.length <= 31, areaStyle: type === 'area' ? {} : undefined}));
    const categoryAxis = {type: 'category', data: categories};
    const valueAxis = {type: 'value'};
    return Object.assign(base, {legend: {type: 'scroll', top: 0}, series: list,
      xAxis: type === 'row' ? valueAxis : categoryAxis,
      yAxis: type === 'row' ? Object.assign(categoryAxis, {inverse: true}) : valueAxis});
  }

  function table(answer) {
    const node = element('table');
    const head = element('tr');
    answer.columns.forEach(c => head.appendChild(element('th', null, c)));
    node.appendChild(head);
    for (const r of answer.rows) {
      const line = element('tr');
      r.forEach(v => line.appendChild(element('td', null, v === null ? '' : String(v))));
      node.appendChild(line);
    }
    return node;
  }

  function showError(c, message) {
    if (c.chart) { c.chart.dispose(); c.chart = null; }
    c.body.replaceChildren(element('div', 'error', message));
    c.node.dataset.state = 'error';
    c.node.dataset.rows = '0';
    c.node.dataset.error = message;
  }

  /** Asks the card's question again and draws the answer, or shows why there is none. */
  async function refresh(slug, c) {
    let answer;
    try {
      // The dashboard's filters are the page's query string (?<filter id>=<value>): the server applies them.
      answer = await getJson('/api/dashboards/' + encodeURIComponent(slug) + '/questions/' + c.index
          + location.search);
    } catch (e) {
      showError(c, 'Could not ask the question: ' + e.message);
      return;
    }
    if (answer.error) {
      showError(c, 'The question failed: ' + answer.error);
      return;
    }
    if (answer.notice) {
      // A mart whose pipeline is off or not started yet: what fills it, not an error.
      if (c.chart) { c.chart.dispose(); c.chart = null; }
      c.body.replaceChildren(element('div', 'notice', answer.notice));
      c.node.dataset.state = 'waiting';
      c.node.dataset.rows = '0';
      delete c.node.dataset.error;
      return;
    }
    const type = c.question.chart.type;
    try {
      if (type === 'scalar') {
        const value = answer.rows.length ? answer.rows[0][column(answer, c.question.chart.y[0])] : null;
        // A number big; a text (a time, a name) smaller, so it fits its card.
        c.body.replaceChildren(element('div', typeof value === 'number' ? 'scalar' : 'scalar text',
            value === null ? '–' : typeof value === 'number' ? value.toLocaleString('en') : String(value)));
      } else if (type === 'table') {
        c.body.replaceChildren(table(answer));
      } else {
        const options = chartOptions(type, c.question.chart, answer);
        if (!c.chart) {
          c.body.replaceChildren();
          c.chart = echarts.init(c.body);
        }
        c.chart.setOption(options, true);
      }
    } catch (e) {
      showError(c, 'Could not draw the answer: ' + e.message);
      return;
    }
    delete c.node.dataset.error;
    c.node.dataset.state = 'ok';
    c.node.dataset.rows = String(answer.rows.length);
    c.note.textContent = (c.question.description || '') + (answer.truncated
        ? ' (the first ' + answer.rows.length + ' rows only)' : '');
  }

  /** One input per dashboard filter; a change sets the page's query string and asks every question again. */
  function filterForm(filters, changed) {
    const form = element('form', 'filters');
    const params = new URLSearchParams(location.search);
    for (const filter of filters) {
      const label = element('label', null, filter.name + ' ');
      const input = element('input');
      input.name = filter.id;
      input.type = filter.type === 'number' ? 'number' : 'text';
      input.value = params.get(filter.id) || '';
      input.placeholder = 'all';
      label.appendChild(input);
      form.appendChild(label);
    }
    form.addEventListener('change', () => {
      const next = new URLSearchParams();
      for (const input of form.querySelectorAll('input')) {
        if (input.value.trim()) next.set(input.name, input.value.trim());
      }
      const query = next.toString();
      history.replaceState(null, '', location.pathname + (query ? '?' + query : ''));
      changed().catch(e => recordError('refresh failed: ' + e.message));
    });
    form.addEventListener('submit', e => e.preventDefault());
    return form;
  }

  async function showDashboard(content, slug) {
    const dashboard = await getJson('/api/dashboards/' + encodeURIComponent(slug));
    document.title = dashboard.name + ' · Lakehouse dashboards';
    document.getElementById('title').textContent = dashboard.name;
    document.getElementById('description').textContent = dashboard.description || '';
    if (dashboard.filters.length) {
      content.appendChild(filterForm(dashboard.filters, () => refreshAll()));
    }
    const grid = element('div', 'grid');
    content.appendChild(grid);
    const cards = dashboard.questions.map((question, index) => card(grid, question, index));
    window.addEventListener('resize', () => cards.forEach(c => c.chart && c.chart.resize()));
    const status = document.getElementById('status');
    const refreshAll = async () => {
      await Promise.all(cards.map(c => refresh(slug, c)));
      status.textContent = 'Updated ' + new Date().toISOString().replace('T', ' ').slice(0, 19) + ' UTC; again every '
          + dashboard.refreshSeconds + ' s. ';
      const back = element('a', null, 'All dashboards');
      back.href = '/';
      status.appendChild(back);
    };
    await refreshAll();
    setInterval(() => refreshAll().catch(e => recordError('refresh failed: ' + e.message)),
        dashboard.refreshSeconds * 1000);
  }

  async function main() {
    const content = document.getElementById('content');
    const match = /^\/dashboards\/([^/]+)$/.exec(location.pathname);
    try {
      if (match) {
        await showDashboard(content, decodeURIComponent(match[1]));
      } else {
        await listDashboards(content);
      }
    } catch (e) {
      recordError(e.message);
    }
    document.body.dataset.ready = 'true';
  }

  main();
})();
