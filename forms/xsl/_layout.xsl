<?xml version="1.0" encoding="UTF-8"?>
<!--
  _layout.xsl: the frame of every page: document head, skip link, header
  with the service name, user and language choice, and the main landmark.
  Page stylesheets import this one and supply templates for the <page>
  element in modes "title" (the page title) and "main" (the content).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">

  <xsl:output method="html" encoding="UTF-8" indent="no"
      doctype-system="about:legacy-compat"/>

  <xsl:template match="/">
    <html lang="{page/@lang}">
      <head>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>
          <xsl:apply-templates select="page" mode="title"/>
          <xsl:text> – Stafett</xsl:text>
        </title>
        <link rel="stylesheet" href="/static/stafett.css"/>
      </head>
      <body>
        <a class="skip" href="#main"><xsl:value-of select="i:t('Skip to content')"/></a>
        <header class="top">
          <div class="wrap">
            <a class="brand" href="/">Stafett</a>
            <span class="tagline"><xsl:value-of select="i:t('From concern to coordinated help')"/></span>
            <nav class="lang" aria-label="{i:t('Language')}">
              <xsl:choose>
                <xsl:when test="page/@lang = 'en'">
                  <a href="?lang=nb" lang="nb" hreflang="nb">Norsk</a>
                </xsl:when>
                <xsl:otherwise>
                  <a href="?lang=en" lang="en" hreflang="en">English</a>
                </xsl:otherwise>
              </xsl:choose>
            </nav>
            <xsl:if test="page/user">
              <div class="who">
                <span>
                  <xsl:value-of select="page/user/@name"/>
                  <xsl:if test="page/user/@unit">
                    <xsl:text>, </xsl:text>
                    <xsl:value-of select="page/user/@unit"/>
                  </xsl:if>
                </span>
                <a href="/settings/email"><xsl:value-of select="i:t('E-mail notices')"/></a>
                <form method="post" action="/logout" class="inline">
                  <input type="hidden" name="csrf" value="{page/csrf}"/>
                  <input type="hidden" name="idem" value="{/page/idem}"/>
                  <button type="submit" class="link"><xsl:value-of select="i:t('Log out')"/></button>
                </form>
              </div>
            </xsl:if>
          </div>
        </header>
        <main id="main" class="wrap" tabindex="-1">
          <xsl:apply-templates select="page" mode="main"/>
        </main>
        <footer class="wrap foot">
          <p><xsl:value-of select="i:t('Stafett keeps information about children. Everything you read and write is logged, and the guardians can see who has read their child’s log.')"/></p>
        </footer>
      </body>
    </html>
  </xsl:template>

  <!-- Dates: 31.03.2024 in Norwegian, 2024-03-31 in English. -->
  <xsl:template name="date">
    <xsl:param name="d"/>
    <xsl:choose>
      <xsl:when test="string-length($d) &lt; 10"><xsl:value-of select="$d"/></xsl:when>
      <xsl:when test="/page/@lang = 'en'"><xsl:value-of select="$d"/></xsl:when>
      <xsl:otherwise>
        <xsl:value-of select="concat(substring($d, 9, 2), '.', substring($d, 6, 2), '.', substring($d, 1, 4), substring($d, 11))"/>
      </xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
