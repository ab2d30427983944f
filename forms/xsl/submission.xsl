<?xml version="1.0" encoding="UTF-8"?>
<!-- submission.xsl: a filled-in form that was sent: the receipt and what
     was written. -->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:i="urn:x-stafett:i18n"
    exclude-result-prefixes="i">
  <xsl:import href="_layout.xsl"/>
  <xsl:import href="_form.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:value-of select="submission/form/title"/>
  </xsl:template>

  <xsl:template match="page" mode="main">
    <xsl:variable name="s" select="submission"/>
    <xsl:choose>
      <xsl:when test="$s/@new">
        <div class="receipt" role="status">
          <h1><xsl:value-of select="i:t('The form is sent and stored')"/></h1>
          <p><xsl:apply-templates select="$s/form/title" mode="text"/></p>
        </div>
      </xsl:when>
      <xsl:otherwise>
        <h1><xsl:apply-templates select="$s/form/title" mode="text"/></h1>
      </xsl:otherwise>
    </xsl:choose>
    <dl class="facts">
      <dt><xsl:value-of select="i:t('Written by')"/></dt>
      <dd><xsl:value-of select="$s/@author"/>, <xsl:call-template name="date"><xsl:with-param name="d" select="$s/@created"/></xsl:call-template></dd>
      <dt><xsl:value-of select="i:t('Form version')"/></dt>
      <dd><xsl:value-of select="$s/form/@version"/></dd>
    </dl>
    <h2><xsl:value-of select="i:t('What was written')"/></h2>
    <xsl:apply-templates select="$s/form" mode="show"/>
    <p><a href="/"><xsl:value-of select="i:t('Back to the start page')"/></a></p>
  </xsl:template>
</xsl:stylesheet>
