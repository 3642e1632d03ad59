from django.urls import path

from cms.feeds import NewsAtomFeed, NewsFeed

app_name = "cms"
urlpatterns = [
    path("news/feed/rss.xml", NewsFeed(), name="news-rss"),
    path("news/feed/atom.xml", NewsAtomFeed(), name="news-atom"),
]
