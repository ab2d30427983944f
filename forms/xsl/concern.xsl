<?xml version="1.0" encoding="UTF-8"?>
<!-- concern.xsl: one concern: the receipt after sending, and what was written. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_form.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="i:t('Concern {0}', concern/@reference)"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="c" select="concern"/>
    <xsl:if test="$c/@new">
      <div class="receipt" role="status">
        <h1><xsl:value-of select="i:t('The concern is registered')"/></h1>
        <p>
          <xsl:value-of select="i:t('Reference:')"/><xsl:text> </xsl:text>
          <strong class="ref"><xsl:value-of select="$c/@reference"/></strong>
        </p>
        <p>
          <xsl:value-of select="i:t('Decide the way forward by')"/><xsl:text> </xsl:text>
          <strong><xsl:call-template name="date"><xsl:with-param name="d" select="$c/@deadline"/></xsl:call-template></strong>
          <xsl:text>: </xsl:text>
          <xsl:value-of select="i:t('close it, measures in your own service (level 1), or interdisciplinary cooperation (level 2).')"/>
        </p>
      </div>
    </xsl:if>
    <xsl:if test="$c/@urgent">
      <div class="callout urgent" role="alert">
        <p><strong><xsl:value-of select="i:t('Urgent: phone the child welfare emergency service (barnevernvakten) or 112 now if you have not already.')"/></strong></p>
        <p><xsl:value-of select="i:t('Your leader has been alerted.')"/></p>
      </div>
    </xsl:if>
    <xsl:if test="not($c/@new)">
      <h1><xsl:value-of select="i:t('Concern {0}', $c/@reference)"/></h1>
    </xsl:if>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('Child')"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="$c/@anonymous"><em><xsl:value-of select="i:t('Anonymous')"/></em></xsl:when>
          <xsl:otherwise><xsl:value-of select="$c/@child"/></xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt><xsl:value-of select="i:t('Level')"/></dt>
      <dd><xsl:value-of select="$c/@level"/></dd>
      <dt><xsl:value-of select="i:t('Status')"/></dt>
      <dd>
        <xsl:choose>
          <xsl:when test="$c/@status = 'open'"><xsl:value-of select="i:t('Open')"/></xsl:when>
          <xsl:otherwise><xsl:value-of select="i:t('Closed')"/></xsl:otherwise>
        </xsl:choose>
      </dd>
      <dt><xsl:value-of select="i:t('Unit')"/></dt>
      <dd><xsl:value-of select="$c/@unit"/></dd>
      <dt><xsl:value-of select="i:t('Written by')"/></dt>
      <dd><xsl:value-of select="$c/@author"/>, <xsl:call-template name="date"><xsl:with-param name="d" select="$c/@created"/></xsl:call-template></dd>
      <dt><xsl:value-of select="i:t('Decide by')"/></dt>
      <dd><xsl:call-template name="date"><xsl:with-param name="d" select="$c/@deadline"/></xsl:call-template></dd>
    </dl>
    <h2><xsl:value-of select="i:t('What was written')"/></h2>
    <xsl:apply-templates select="$c/form" mode="show"/>
    <p><a href="/"><xsl:value-of select="i:t('Back to the start page')"/></a></p>
  </xsl:template>
</xsl:stylesheet>
