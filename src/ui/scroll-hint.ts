/**
 * A Svelte action for a box that scrolls sideways: it marks the box `data-overflow="true"` while
 * its content is wider than the box, and `data-more` with the sides still hidden ("left", "right",
 * "both"), so app.css can shade those edges. A phone hides its scroll bar: the shading is the only
 * sign that a table has more columns. The browser tests read `data-overflow` as "this box says
 * it scrolls".
 */
export function scrollHint(node: HTMLElement): { destroy(): void } {
  const update = () => {
    const over = node.scrollWidth - node.clientWidth > 1;
    node.dataset.overflow = String(over);
    const left = over && node.scrollLeft > 1;
    const right = over && node.scrollLeft + node.clientWidth < node.scrollWidth - 1;
    node.dataset.more = left && right ? 'both' : left ? 'left' : right ? 'right' : 'none';
  };
  update();
  // The box and its content both change size (a new result, a wider pane, a rotated phone).
  const ro = new ResizeObserver(update);
  ro.observe(node);
  for (const child of node.children) ro.observe(child);
  const mo = new MutationObserver(() => {
    for (const child of node.children) ro.observe(child);
    update();
  });
  mo.observe(node, { childList: true });
  node.addEventListener('scroll', update, { passive: true });
  return {
    destroy() {
      ro.disconnect();
      mo.disconnect();
      node.removeEventListener('scroll', update);
    },
  };
}
