// Placeholder made by the app (issue 5) so the shell has something to render; the views (issue 6) own this file.
export default function ViewsArea() {
  return (
    <section aria-label="Views" className="views-placeholder">
      <p>The visual views appear here.</p>
    </section>
  );
}
