// The console's HTML: a shell with no data in it, which loads the stylesheet and the script
// from this server (the CSP allows nothing else) and leaves the rest to the script.

export const CONSOLE_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>opswarden console</title>
<link rel="stylesheet" href="/console/app.css">
<script src="/console/app.js" defer></script>
</head>
<body>
<div id="console"><noscript>The opswarden console needs JavaScript.</noscript></div>
</body>
</html>
`;
