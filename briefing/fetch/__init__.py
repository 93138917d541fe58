"""Feeds and pages into the store: vetted URLs, polite HTTP, conditional GET, robots.txt.

vet       URLs (http/https) and addresses (every DNS answer, once) that may be fetched
client    bounded GET: time limits, size cap, retries, Retry-After, validators, redirects
robots    robots.txt (protego) with its cache given as callbacks; per-host pacing
feeds     feed bytes -> FeedItem (feedparser on bytes we fetched); keyword filters
run       sources -> feeds -> items -> pages -> the store, one line per source
"""
