<?xml version="1.0" encoding="UTF-8"?>
<!--
  consent-info.xsl: what a consent to cooperation is, in one of the
  families' languages (forms/consent-info/CODE.xml), with the other
  languages offered as links. The text is marked with its language and
  direction (Arabic reads right to left); a text no qualified translator
  has checked yet says so, in its language and in the reader's. View:
  h_consent_info.c (page "consent-info": <consent-info lang dir
  reviewed> and <languages><language code current>name</language>).
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="consent-info/title"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="c" select="consent-info"/>
    <nav aria-label="{i:t('The consent information in other languages')}">
      <ul class="links inline">
        <xsl:for-each select="languages/language">
          <li>
            <xsl:choose>
              <xsl:when test="@current"><span lang="{@code}" aria-current="page"><xsl:value-of select="."/></span></xsl:when>
              <xsl:otherwise><a lang="{@code}" hreflang="{@code}" href="/consent-info?lang={@code}"><xsl:value-of select="."/></a></xsl:otherwise>
            </xsl:choose>
          </li>
        </xsl:for-each>
      </ul>
    </nav>
    <article lang="{$c/@lang}" dir="{$c/@dir}">
      <h1><xsl:value-of select="$c/title"/></h1>
      <xsl:if test="$c/@reviewed = 'false'">
        <div class="callout warn-box">
          <p><strong><xsl:value-of select="$c/review"/></strong></p>
          <p lang="{/page/@lang}" dir="ltr"><xsl:value-of select="i:t('This text has not yet been checked by a qualified translator. Ask the relay holder for an interpreter if anything is unclear.')"/></p>
        </div>
      </xsl:if>
      <xsl:for-each select="$c/section">
        <h2><xsl:value-of select="h"/></h2>
        <xsl:for-each select="p"><p><xsl:value-of select="."/></p></xsl:for-each>
      </xsl:for-each>
    </article>
  </xsl:template>
</xsl:stylesheet>
