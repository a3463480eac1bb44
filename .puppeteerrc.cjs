// synth launches Debian's Chromium (apt-get install chromium); puppeteer must never download its own.
module.exports = { skipDownload: true };
